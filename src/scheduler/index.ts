// Real-time task scheduler: priorities, deadlines (EDF inside a priority), delays,
// cancellation, slices that yield to the host, latency statistics, and the rest of the
// browser's postTask API (TaskController, TaskSignal, yield). Plain TypeScript.
export { Scheduler } from './scheduler';
export { TaskController, TaskSignal, TaskPriorityChangeEvent } from './signals';
export { DeadlineMissedError, QueueFullError } from './errors';
export {
  TASK_PRIORITIES,
  type TaskPriority,
  type TaskStatus,
  type TaskHandle,
  type TaskOptions,
  type ScheduleOptions,
  type SchedulerOptions,
  type SchedulerStats,
  type LatencyStats,
  type Clock,
  type TaskErrorHandler,
  type YieldOptions,
  type AsyncContextMode,
} from './types';
