// A worker thread starts without the loader its process was given (`--import tsx`): this plain
// JavaScript entry registers it for the thread, then loads the projector, written in TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./projector-thread.ts');
