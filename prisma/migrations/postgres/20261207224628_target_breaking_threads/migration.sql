-- AlterTable
ALTER TABLE "Target" ADD COLUMN     "breakingThreads" BOOLEAN NOT NULL DEFAULT false;
