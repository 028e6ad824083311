-- CreateTable
CREATE TABLE "Suggestion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "url" TEXT NOT NULL,
    "urlKey" TEXT NOT NULL,
    "reader" TEXT NOT NULL,
    "targetId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "Suggestion_reader_createdAt_idx" ON "Suggestion"("reader", "createdAt");

-- CreateIndex
CREATE INDEX "Suggestion_status_createdAt_idx" ON "Suggestion"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Suggestion_urlKey_reader_key" ON "Suggestion"("urlKey", "reader");
