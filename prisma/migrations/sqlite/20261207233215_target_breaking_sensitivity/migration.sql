-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Target" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "digestTime" TEXT NOT NULL DEFAULT '08:00',
    "breakingEnabled" BOOLEAN NOT NULL DEFAULT true,
    "digestSound" BOOLEAN NOT NULL DEFAULT false,
    "breakingSound" BOOLEAN NOT NULL DEFAULT true,
    "linkPreviews" BOOLEAN NOT NULL DEFAULT true,
    "breakingThreads" BOOLEAN NOT NULL DEFAULT false,
    "breakingMinOutlets" INTEGER NOT NULL DEFAULT 1,
    "breakingDailyCap" INTEGER,
    "quietStart" TEXT,
    "quietEnd" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "deactivatedReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Target" ("active", "breakingEnabled", "breakingSound", "breakingThreads", "createdAt", "deactivatedReason", "digestSound", "digestTime", "externalId", "id", "kind", "linkPreviews", "locale", "platform", "quietEnd", "quietStart", "timezone", "title", "updatedAt") SELECT "active", "breakingEnabled", "breakingSound", "breakingThreads", "createdAt", "deactivatedReason", "digestSound", "digestTime", "externalId", "id", "kind", "linkPreviews", "locale", "platform", "quietEnd", "quietStart", "timezone", "title", "updatedAt" FROM "Target";
DROP TABLE "Target";
ALTER TABLE "new_Target" RENAME TO "Target";
CREATE UNIQUE INDEX "Target_platform_externalId_key" ON "Target"("platform", "externalId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
