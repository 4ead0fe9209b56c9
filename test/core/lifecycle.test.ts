import { describe, expect, it } from 'vitest';
import { IllegalMove, Lifecycle } from '../../simulators/core/lifecycle.ts';
import { TimedQueue } from '../../simulators/core/scheduler.ts';

type Task = 'NEW' | 'WORKED' | 'DONE';
const tasks = new Lifecycle<Task>('task', { NEW: ['WORKED', 'DONE'], WORKED: ['WORKED', 'DONE'], DONE: [] });

describe('Lifecycle', () => {
  it('lists its states in declaration order', () => {
    expect(tasks.name).toBe('task');
    expect(tasks.states).toEqual(['NEW', 'WORKED', 'DONE']);
  });

  it('allows exactly the declared transitions', () => {
    const allowed: string[] = [];
    for (const from of tasks.states)
      for (const to of tasks.states) if (tasks.canMove(from, to)) allowed.push(`${from}>${to}`);
    expect(allowed).toEqual(['NEW>WORKED', 'NEW>DONE', 'WORKED>WORKED', 'WORKED>DONE']);
  });

  it('recognises only its own states, not inherited object keys', () => {
    expect(tasks.isState('WORKED')).toBe(true);
    for (const v of ['worked', 'toString', '__proto__', 'constructor', '', 1, null, undefined]) {
      expect(tasks.isState(v)).toBe(false);
    }
  });

  it('an unknown "from" state (e.g. from a stored file) is a refusal, not a crash', () => {
    expect(tasks.canMove('toString' as Task, 'DONE')).toBe(false);
    expect(tasks.canMove('GONE' as Task, 'DONE')).toBe(false);
  });
});

describe('Lifecycle with behaviour', () => {
  interface Job {
    state: Task;
    log: string[];
    dueAt?: number;
  }
  const jobs = new Lifecycle<Task, Job>(
    'job',
    { NEW: ['WORKED', 'DONE'], WORKED: ['WORKED', 'DONE'], DONE: [] },
    {
      state: { get: (j) => j.state, set: (j, s) => (j.state = s) },
      effects: {
        'NEW>WORKED': (j, at) => j.log.push(`first work at ${at}`),
        '>DONE': (j, at) => j.log.push(`done at ${at}`),
      },
      timers: { WORKED: { at: (j) => j.dueAt, to: 'DONE' } },
    },
  );

  it('moves along the table, running the move’s effect and then the target’s', () => {
    const job: Job = { state: 'NEW', log: [] };
    jobs.move(job, 'WORKED', 10);
    jobs.move(job, 'DONE', 20);
    expect(job).toMatchObject({ state: 'DONE', log: ['first work at 10', 'done at 20'] });
  });

  it('refuses a move the table does not allow and changes nothing', () => {
    const job: Job = { state: 'DONE', log: [] };
    expect(() => jobs.move(job, 'WORKED', 1)).toThrow(IllegalMove);
    expect(job).toEqual({ state: 'DONE', log: [] });
  });

  it('fires timers at their own time, skipping stale ones, and rebuilds them from the entities', () => {
    const timers = new TimedQueue<Job>();
    const a: Job = { state: 'NEW', log: [], dueAt: 100 };
    const b: Job = { state: 'NEW', log: [], dueAt: 50 };
    jobs.move(a, 'WORKED', 0, timers);
    jobs.move(b, 'WORKED', 0, timers);
    b.dueAt = 500; // rescheduled: the entry for 50 is stale
    jobs.schedule(b, timers);
    jobs.fireDue(timers, 200);
    expect(a.log).toEqual(['first work at 0', 'done at 100']);
    expect(b.state).toBe('WORKED');
    const rebuilt = jobs.rebuildTimers([a, b]);
    expect(rebuilt.size).toBe(1);
    jobs.fireDue(rebuilt, 1000);
    expect(b.log.at(-1)).toBe('done at 500');
  });
});
