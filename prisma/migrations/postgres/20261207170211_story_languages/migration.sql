-- AlterTable
ALTER TABLE "Story" ADD COLUMN     "languages" TEXT NOT NULL DEFAULT '';
