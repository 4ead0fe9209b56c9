import { TimedQueue } from './scheduler.ts';

/**
 * Lifecycles are declared as data: the allowed transitions per state. Models ask `canMove`/`move` instead of
 * scattering `if (state === ...)` checks, and docs/tests can enumerate the table.
 */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

/** The error of a move the table does not allow (a model bug, or a refusal the model turns into a vendor error). */
export class IllegalMove extends Error {}

/**
 * What a lifecycle does besides allowing moves, for entities of type `E`:
 * - `state`: where the entity keeps its state;
 * - `effects`: what a move does, keyed `"from>to"` (that move only) or `">to"` (any move into `to`), run in that
 *   order after the state is set;
 * - `timers`: while an entity is in a state, the moment (virtual clock) it moves on by itself, and where to —
 *   scheduled on a `TimedQueue` whenever it enters the state, and rebuilt from the entities after a restore.
 */
export interface LifecycleBehaviour<S extends string, E> {
  state: { get(entity: E): S; set(entity: E, to: S): void };
  effects?: Partial<Record<`${S | ''}>${S}`, (entity: E, at: number) => void>>;
  timers?: Partial<Record<S, { at(entity: E): number | undefined; to: S }>>;
}

export class Lifecycle<S extends string, E = never> {
  constructor(
    readonly name: string,
    readonly transitions: TransitionTable<S>,
    private readonly behaviour?: LifecycleBehaviour<S, E>,
  ) {}

  get states(): S[] {
    return Object.keys(this.transitions) as S[];
  }

  isState(value: unknown): value is S {
    return typeof value === 'string' && Object.hasOwn(this.transitions, value);
  }

  canMove(from: S, to: S): boolean {
    // A state read back from a stored file may be anything: an unknown one allows no move rather than throwing.
    return this.isState(from) && this.transitions[from].includes(to);
  }

  /**
   * Moves an entity along the table at virtual time `at`: sets its state, runs the move's effects and schedules the
   * new state's timer on `timers`. A move the table does not allow throws IllegalMove and changes nothing.
   */
  move(entity: E, to: S, at: number, timers?: TimedQueue<E>): void {
    const behaviour = this.requireBehaviour();
    const from = behaviour.state.get(entity);
    if (!this.canMove(from, to)) throw new IllegalMove(`${this.name}: ${from} → ${to} is not allowed`);
    behaviour.state.set(entity, to);
    behaviour.effects?.[`${from}>${to}`]?.(entity, at);
    behaviour.effects?.[`>${to}`]?.(entity, at);
    if (timers) this.schedule(entity, timers);
  }

  /** Schedules the timer of the entity's current state, if it has one. */
  schedule(entity: E, timers: TimedQueue<E>): void {
    const behaviour = this.requireBehaviour();
    const at = behaviour.timers?.[behaviour.state.get(entity)]?.at(entity);
    if (at !== undefined) timers.schedule(at, entity);
  }

  /** The timers of every entity, after a restore (timers are not saved: they follow from the state). */
  rebuildTimers(entities: Iterable<E>): TimedQueue<E> {
    const timers = new TimedQueue<E>();
    for (const entity of entities) this.schedule(entity, timers);
    return timers;
  }

  /**
   * Fires the timers due by `now`, in time order, each at its own time. An entry whose entity has left the state, or
   * whose moment changed since it was scheduled, is stale and skipped (timers are invalidated lazily).
   */
  fireDue(timers: TimedQueue<E>, now: number): void {
    const behaviour = this.requireBehaviour();
    for (let entry = timers.popDue(now); entry; entry = timers.popDue(now)) {
      const timer = behaviour.timers?.[behaviour.state.get(entry.key)];
      if (!timer || timer.at(entry.key) !== entry.at) continue;
      this.move(entry.key, timer.to, entry.at, timers);
    }
  }

  private requireBehaviour(): LifecycleBehaviour<S, E> {
    if (!this.behaviour) throw new Error(`${this.name}: a table without behaviour only answers canMove`);
    return this.behaviour;
  }
}
