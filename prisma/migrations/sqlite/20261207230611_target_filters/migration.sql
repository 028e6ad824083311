-- CreateTable
CREATE TABLE "TargetFilter" (
    "targetId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "categorySlug" TEXT,

    PRIMARY KEY ("targetId", "position"),
    CONSTRAINT "TargetFilter_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
