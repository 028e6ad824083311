-- AlterTable
ALTER TABLE "Target" ADD COLUMN     "breakingDailyCap" INTEGER,
ADD COLUMN     "breakingMinOutlets" INTEGER NOT NULL DEFAULT 1;
