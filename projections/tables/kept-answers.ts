import { assert } from '../../domain/shared/errors.js';
import { keepableGeneration, type ReadModelsView } from './read-models-view.js';

export interface KeptAnswersOptions {
  /** The projection whose tables the answers are read from: its checkpoint's generation tells them stale. */
  projection: string;
  /** At most this many answers are kept; the least recently asked goes first. */
  maxAnswers: number;
  /** At most this many rows in all the kept answers; an answer longer than that is not kept. */
  maxRows: number;
}

interface KeptAnswer<Row> {
  rows: Promise<readonly Row[]>;
  /** Known once read; until then it counts for nothing. */
  size: number;
}

/**
 * Answers to questions about one projection's current tables (a resource's week of reservations),
 * kept in this process's memory, by question, until its next generation. The same week is asked
 * by every member who opens the calendar, and again at each refresh, far more often than a
 * reservation changes it.
 *
 * As with `CurrentRows`, answers belong to the generation this thread last heard of: the tables may
 * be ahead of it when read, and the answer is then read again at the next generation, which a
 * writer's `Mutua-Wait-For-Position` waits for. While the projection is rebuilt, or its checkpoint
 * is unknown, nothing is kept. Bounded by answers and by rows, least recently asked first out.
 */
export class KeptAnswers<Row> {
  private generation: number | undefined;
  /** In the order they were last asked, oldest first (a `Map` keeps its insertion order). */
  private readonly answers = new Map<string, KeptAnswer<Row>>();
  private keptRows = 0;

  constructor(
    private readonly readModels: Pick<ReadModelsView, 'projectionCheckpoint'>,
    private readonly options: KeptAnswersOptions,
  ) {}

  /** The answer to `question`: kept, or else `read` from the tables now (and kept if it may be). */
  answer(question: string, read: () => Promise<Row[]>): Promise<readonly Row[]> {
    const generation = keepableGeneration(this.readModels, this.options.projection);
    if (generation === undefined) {
      this.forgetAll(undefined);
      return read();
    }
    if (generation !== this.generation) this.forgetAll(generation);
    const kept = this.answers.get(question);
    if (kept) {
      this.answers.delete(question);
      this.answers.set(question, kept);
      return kept.rows;
    }
    return this.keep(question, read());
  }

  /** How many answers and rows are kept now: for tests and benchmarks. */
  get size(): { answers: number; rows: number } {
    return { answers: this.answers.size, rows: this.keptRows };
  }

  private keep(question: string, reading: Promise<Row[]>): Promise<readonly Row[]> {
    // Shared by every request that asks the same from now on: frozen, so none changes what the others read.
    const rows = reading.then((read) => Object.freeze(read.map((row) => Object.freeze(row))));
    const kept: KeptAnswer<Row> = { rows, size: 0 };
    this.answers.set(question, kept);
    rows.then((read) => {
      // Dropped meanwhile (a new generation, or asked less recently than the bound allows).
      if (this.answers.get(question) !== kept) return;
      if (read.length > this.options.maxRows) {
        this.answers.delete(question);
        return;
      }
      kept.size = read.length;
      this.keptRows += read.length;
      this.dropLeastRecentlyAsked();
    }, () => {
      if (this.answers.get(question) === kept) this.answers.delete(question);
    });
    this.dropLeastRecentlyAsked();
    return rows;
  }

  private dropLeastRecentlyAsked(): void {
    for (const [question, kept] of this.answers) {
      if (this.answers.size <= this.options.maxAnswers && this.keptRows <= this.options.maxRows) break;
      this.answers.delete(question);
      this.keptRows -= kept.size;
    }
    assert(this.keptRows >= 0 && this.keptRows <= this.options.maxRows, `the rows kept of ${this.options.projection}'s answers stay within their bound`);
  }

  private forgetAll(generation: number | undefined): void {
    this.answers.clear();
    this.keptRows = 0;
    this.generation = generation;
  }
}

/**
 * One `KeptAnswers` per read models, made at their first question: a process has one read
 * models, a test process several, and answers kept for one must never answer for another.
 */
export class KeptAnswersPerReadModels<Row> {
  private readonly kept = new WeakMap<object, KeptAnswers<Row>>();

  constructor(private readonly options: KeptAnswersOptions) {}

  of(readModels: Pick<ReadModelsView, 'projectionCheckpoint'>): KeptAnswers<Row> {
    let kept = this.kept.get(readModels);
    if (!kept) {
      kept = new KeptAnswers(readModels, this.options);
      this.kept.set(readModels, kept);
    }
    return kept;
  }
}
