-- CreateTable
CREATE TABLE "OutboxPayload" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hash" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Outbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "targetId" INTEGER NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '',
    "payloadId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "partsSent" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimToken" TEXT,
    "platformMessageId" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    CONSTRAINT "Outbox_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Outbox_payloadId_fkey" FOREIGN KEY ("payloadId") REFERENCES "OutboxPayload" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Outbox" ("attempts", "claimToken", "createdAt", "dedupeKey", "id", "kind", "lastError", "nextAttemptAt", "payload", "platformMessageId", "sentAt", "status", "targetId", "updatedAt") SELECT "attempts", "claimToken", "createdAt", "dedupeKey", "id", "kind", "lastError", "nextAttemptAt", "payload", "platformMessageId", "sentAt", "status", "targetId", "updatedAt" FROM "Outbox";
DROP TABLE "Outbox";
ALTER TABLE "new_Outbox" RENAME TO "Outbox";
CREATE INDEX "Outbox_status_nextAttemptAt_idx" ON "Outbox"("status", "nextAttemptAt");
CREATE INDEX "Outbox_targetId_kind_createdAt_idx" ON "Outbox"("targetId", "kind", "createdAt");
CREATE INDEX "Outbox_claimToken_idx" ON "Outbox"("claimToken");
CREATE UNIQUE INDEX "Outbox_targetId_dedupeKey_key" ON "Outbox"("targetId", "dedupeKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "OutboxPayload_hash_key" ON "OutboxPayload"("hash");
