/** State keyed by account and region, as every AWS service partitions it. */
export class RegionalStore<T> {
  private readonly partitions = new Map<string, T>();
  constructor(private readonly create: () => T) {}

  get(account: string, region: string): T {
    const key = `${account}/${region}`;
    let partition = this.partitions.get(key);
    if (partition === undefined) {
      partition = this.create();
      this.partitions.set(key, partition);
    }
    return partition;
  }
}
