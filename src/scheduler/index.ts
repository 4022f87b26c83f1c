// Real-time task scheduler: priorities, deadlines (EDF inside a priority), delays,
// cancellation, slices that yield to the host, latency statistics. Plain TypeScript.
export { Scheduler } from './scheduler';
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
} from './types';
