import { describe, expect, it } from 'vitest';
import { AUDIT_PAGE_SIZE, auditFilterOf, auditHref, parseAuditQuery } from './audit-query';

describe('parseAuditQuery', () => {
  it('keeps valid filters', () => {
    const query = parseAuditQuery({
      stack: 'TapStack-dev',
      action: 'promotion.approved',
      actor: 'local:approver',
      before: '120',
    });
    expect(query).toEqual({
      stack: 'TapStack-dev',
      action: 'promotion.approved',
      actor: 'local:approver',
      before: 120,
      notices: [],
    });
    expect(auditFilterOf(query)).toEqual({
      stackName: 'TapStack-dev',
      action: 'promotion.approved',
      actor: 'local:approver',
      beforeSeq: 120,
      limit: AUDIT_PAGE_SIZE + 1,
    });
  });

  it('treats empty fields (an unfilled GET form) as no filter, without notices', () => {
    expect(parseAuditQuery({ stack: '', action: '', actor: '  ', before: '' })).toEqual({ notices: [] });
  });

  it('drops bad values with a notice for each instead of failing', () => {
    const query = parseAuditQuery({ stack: '../etc', action: 'DROP TABLE', actor: 'a\u0000b', before: '-3' });
    expect(query.stack ?? query.action ?? query.actor ?? query.before).toBeUndefined();
    expect(query.notices).toHaveLength(4);
    expect(parseAuditQuery({ before: '1e9' }).notices[0]).toMatch(/before=1e9/);
    expect(parseAuditQuery({ before: '0' }).before).toBeUndefined();
    expect(parseAuditQuery({ before: '99999999999999999999' }).before).toBeUndefined();
  });

  it('reads the first of repeated parameters', () => {
    expect(parseAuditQuery({ stack: ['TapStack-a', 'TapStack-b'] }).stack).toBe('TapStack-a');
  });
});

describe('auditHref', () => {
  it('keeps the filters and adds the page', () => {
    expect(auditHref({ stack: 'TapStack-dev', actor: 'github:octo cat' }, 40)).toBe(
      '/audit?stack=TapStack-dev&actor=github%3Aocto+cat&before=40',
    );
    expect(auditHref({})).toBe('/audit');
  });
});
