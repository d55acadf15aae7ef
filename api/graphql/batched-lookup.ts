interface Waiting<Value> {
  resolve: (value: Value | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Looks rows up by id for one GraphQL request, gathering every lookup its resolvers make in the
 * same turn into one query: a week of 140 reservations asks for their members once, not 140
 * times. Answers are kept for the rest of the request, which reads one state of the read models.
 */
export class BatchedLookup<Value> {
  private readonly answers = new Map<string, Promise<Value | undefined>>();
  private pending: Map<string, Waiting<Value>> | undefined;

  constructor(private readonly loadMany: (ids: readonly string[]) => Promise<ReadonlyMap<string, Value>>) {}

  load(id: string): Promise<Value | undefined> {
    const known = this.answers.get(id);
    if (known) return known;
    const batch = this.pending ?? this.startBatch();
    const answer = new Promise<Value | undefined>((resolve, reject) => batch.set(id, { resolve, reject }));
    this.answers.set(id, answer);
    return answer;
  }

  /**
   * Sibling resolvers run one after the other once their parent's promise settles: waiting for the
   * promise jobs already queued, then one tick, sees them all (as DataLoader does).
   */
  private startBatch(): Map<string, Waiting<Value>> {
    const batch = new Map<string, Waiting<Value>>();
    this.pending = batch;
    void Promise.resolve().then(() => process.nextTick(() => {
      this.pending = undefined;
      this.loadMany([...batch.keys()]).then(
        (found) => {
          for (const [id, waiting] of batch) waiting.resolve(found.get(id));
        },
        (error: unknown) => {
          for (const [id, waiting] of batch) {
            this.answers.delete(id);
            waiting.reject(error);
          }
        },
      );
    }));
    return batch;
  }
}
