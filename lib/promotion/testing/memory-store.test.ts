import { describeStoreContract } from '@/lib/store/store-contract';
import { MemoryDatabase, MemoryStore } from './memory-store';

// The fake the promotion tests use keeps the real store's promises (store-contract.ts).
describeStoreContract('memory (test fake)', async () => {
  const db = new MemoryDatabase();
  return {
    open: async () => new MemoryStore(db),
    tamperAudit: async (seq, change) => {
      const entry = db.audit.find((e) => e.seq === seq);
      if (entry) Object.assign(entry, change);
    },
    deleteAudit: async (seq) => {
      db.audit = db.audit.filter((e) => e.seq !== seq);
    },
    dispose: async () => {},
  };
});
