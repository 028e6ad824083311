-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Story" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "headline" TEXT NOT NULL,
    "languageCode" TEXT NOT NULL,
    "outletCount" INTEGER NOT NULL DEFAULT 1,
    "itemCount" INTEGER NOT NULL DEFAULT 1,
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUpdatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "breakingAt" DATETIME,
    "breakingReason" TEXT,
    "languages" TEXT NOT NULL DEFAULT '',
    "outlets" TEXT NOT NULL DEFAULT '',
    "countries" TEXT NOT NULL DEFAULT '',
    "categories" TEXT NOT NULL DEFAULT '',
    "outletsPerHour" REAL NOT NULL DEFAULT 0,
    "fanoutAt" DATETIME,
    "fanoutOutlets" TEXT,
    "followupAt" DATETIME,
    "url" TEXT,
    "summary" TEXT,
    "imageUrl" TEXT
);
INSERT INTO "new_Story" ("breakingAt", "breakingReason", "categories", "countries", "fanoutAt", "fanoutOutlets", "firstSeenAt", "followupAt", "headline", "id", "imageUrl", "itemCount", "key", "languageCode", "lastUpdatedAt", "outletCount", "outlets", "outletsPerHour", "summary", "url") SELECT "breakingAt", "breakingReason", "categories", "countries", "fanoutAt", "fanoutOutlets", "firstSeenAt", "followupAt", "headline", "id", "imageUrl", "itemCount", "key", "languageCode", "lastUpdatedAt", "outletCount", "outlets", "outletsPerHour", "summary", "url" FROM "Story";
DROP TABLE "Story";
ALTER TABLE "new_Story" RENAME TO "Story";
CREATE UNIQUE INDEX "Story_key_key" ON "Story"("key");
CREATE INDEX "Story_lastUpdatedAt_idx" ON "Story"("lastUpdatedAt");
CREATE INDEX "Story_breakingAt_idx" ON "Story"("breakingAt");
CREATE INDEX "Story_fanoutAt_idx" ON "Story"("fanoutAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
