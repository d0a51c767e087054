// main.ts imports this first: instrumentation patches libraries as they are required.
import { startTracing } from '@subsync/tracing';

startTracing('hot-sync');
