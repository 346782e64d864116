import { describeWalkthrough } from './walkthrough.ts';
import { startServerProcess } from './support/server-process.ts';

describeWalkthrough('memory state', () => startServerProcess());
