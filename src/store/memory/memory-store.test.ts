import { describeStoreContract } from '../contract.ts';
import { MemoryStore } from './memory-store.ts';

describeStoreContract('MemoryStore', async (options = {}) => {
  const store = new MemoryStore({
    ...(options.eventLogSize !== undefined && { eventLogSize: options.eventLogSize }),
    ...(options.maxOperations !== undefined && { maxOperations: options.maxOperations }),
  });
  return { store, cleanup: () => store.close() };
});
