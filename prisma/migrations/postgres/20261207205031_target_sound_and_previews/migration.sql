-- AlterTable
ALTER TABLE "Target" ADD COLUMN     "breakingSound" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "digestSound" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "linkPreviews" BOOLEAN NOT NULL DEFAULT true;
