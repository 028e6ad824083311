-- CreateTable
CREATE TABLE "TargetFilter" (
    "targetId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "categorySlug" TEXT,

    CONSTRAINT "TargetFilter_pkey" PRIMARY KEY ("targetId","position")
);

-- AddForeignKey
ALTER TABLE "TargetFilter" ADD CONSTRAINT "TargetFilter_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE CASCADE ON UPDATE CASCADE;
