-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Subscription" (
    "targetId" INTEGER NOT NULL,
    "categorySlug" TEXT NOT NULL,
    "digestTime" TEXT NOT NULL,
    "rhythm" TEXT NOT NULL DEFAULT 'daily',
    "secondTime" TEXT,
    "weekday" INTEGER,
    "position" INTEGER NOT NULL DEFAULT 0,
    "lastDigestAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("targetId", "categorySlug"),
    CONSTRAINT "Subscription_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Subscription" ("categorySlug", "createdAt", "digestTime", "lastDigestAt", "position", "targetId") SELECT "categorySlug", "createdAt", "digestTime", "lastDigestAt", "position", "targetId" FROM "Subscription";
DROP TABLE "Subscription";
ALTER TABLE "new_Subscription" RENAME TO "Subscription";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
