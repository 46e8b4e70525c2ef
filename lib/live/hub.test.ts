import { describe, expect, it } from 'vitest';
import { Hub, type LiveSource } from './hub';

/** A source that records its lifecycle and lets the test publish through it. */
function recordingSource(log: string[], catchUp: string[] = []) {
  let publish: (message: string) => void = () => {};
  const source: LiveSource<string> = {
    start(p) {
      log.push('start');
      publish = p;
    },
    stop: () => log.push('stop'),
    catchUp: () => catchUp,
  };
  return { source, publish: (message: string) => publish(message) };
}

describe('Hub', () => {
  it('starts one source per topic however many subscribe, and stops it after the last leaves', () => {
    const log: string[] = [];
    const { source, publish } = recordingSource(log);
    const hub = new Hub<string>();
    let created = 0;
    const create = () => {
      created += 1;
      return source;
    };
    const a: string[] = [];
    const b: string[] = [];
    const leaveA = hub.subscribe('stack', create, (m) => a.push(m));
    const leaveB = hub.subscribe('stack', create, (m) => b.push(m));
    publish('one');
    expect(created).toBe(1);
    expect(a).toEqual(['one']);
    expect(b).toEqual(['one']);

    leaveA();
    expect(log).toEqual(['start']);
    publish('two');
    expect(a).toEqual(['one']);
    expect(b).toEqual(['one', 'two']);
    leaveB();
    expect(log).toEqual(['start', 'stop']);
    expect(hub.subscriberCount('stack')).toBe(0);
  });

  it('gives a late subscriber the catch-up messages, and no one else', () => {
    const { source } = recordingSource([], ['snapshot']);
    const hub = new Hub<string>();
    const first: string[] = [];
    const late: string[] = [];
    hub.subscribe(
      't',
      () => source,
      (m) => first.push(m),
    );
    hub.subscribe(
      't',
      () => source,
      (m) => late.push(m),
    );
    expect(first).toEqual([]);
    expect(late).toEqual(['snapshot']);
  });

  it('starts a fresh source when a topic is watched again after everyone left', () => {
    const log: string[] = [];
    const hub = new Hub<string>();
    hub.subscribe(
      't',
      () => recordingSource(log).source,
      () => {},
    )();
    hub.subscribe(
      't',
      () => recordingSource(log).source,
      () => {},
    );
    expect(log).toEqual(['start', 'stop', 'start']);
  });

  it('ignores a second unsubscribe from the same listener', () => {
    const log: string[] = [];
    const hub = new Hub<string>();
    const leave = hub.subscribe(
      't',
      () => recordingSource(log).source,
      () => {},
    );
    hub.subscribe(
      't',
      () => recordingSource(log).source,
      () => {},
    );
    leave();
    leave();
    expect(log).toEqual(['start']);
    expect(hub.subscriberCount('t')).toBe(1);
  });
});
