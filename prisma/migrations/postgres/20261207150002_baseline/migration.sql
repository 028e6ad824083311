-- CreateTable
CREATE TABLE "Country" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "primaryLanguage" TEXT NOT NULL,
    "timezone" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Country_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Language" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Language_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "CountryLanguage" (
    "countryCode" TEXT NOT NULL,
    "languageCode" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "CountryLanguage_pkey" PRIMARY KEY ("countryCode","languageCode")
);

-- CreateTable
CREATE TABLE "Category" (
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "enabled" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "Source" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "homepage" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceEdition" (
    "sourceId" TEXT NOT NULL,
    "countryCode" TEXT NOT NULL,
    "languageCode" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "SourceEdition_pkey" PRIMARY KEY ("sourceId","countryCode","languageCode")
);

-- CreateTable
CREATE TABLE "Feed" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "catalogUrl" TEXT NOT NULL,
    "categorySlug" TEXT NOT NULL,
    "languageCode" TEXT NOT NULL,
    "countryCodes" TEXT NOT NULL DEFAULT '',
    "breaking" BOOLEAN NOT NULL DEFAULT false,
    "ref" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "etag" TEXT,
    "lastModified" TEXT,
    "nextFetchAt" TIMESTAMP(3),
    "lastFetchedAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "failures" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'new',
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Feed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebSubSubscription" (
    "feedId" TEXT NOT NULL,
    "hubUrl" TEXT NOT NULL,
    "topicUrl" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "leaseExpiresAt" TIMESTAMP(3),
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "verifiedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebSubSubscription_pkey" PRIMARY KEY ("feedId")
);

-- CreateTable
CREATE TABLE "Item" (
    "id" SERIAL NOT NULL,
    "sourceId" TEXT NOT NULL,
    "guid" TEXT,
    "url" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "imageUrl" TEXT,
    "languageCode" TEXT NOT NULL,
    "categories" TEXT NOT NULL DEFAULT '',
    "contentHash" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "backlog" BOOLEAN NOT NULL DEFAULT false,
    "storyId" INTEGER,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ItemFeed" (
    "itemId" INTEGER NOT NULL,
    "feedId" TEXT NOT NULL,
    "guid" TEXT,

    CONSTRAINT "ItemFeed_pkey" PRIMARY KEY ("itemId","feedId")
);

-- CreateTable
CREATE TABLE "Story" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "headline" TEXT NOT NULL,
    "languageCode" TEXT NOT NULL,
    "outletCount" INTEGER NOT NULL DEFAULT 1,
    "itemCount" INTEGER NOT NULL DEFAULT 1,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUpdatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "breakingAt" TIMESTAMP(3),
    "breakingReason" TEXT,
    "outlets" TEXT NOT NULL DEFAULT '',
    "countries" TEXT NOT NULL DEFAULT '',
    "categories" TEXT NOT NULL DEFAULT '',
    "outletsPerHour" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "fanoutAt" TIMESTAMP(3),
    "url" TEXT,
    "summary" TEXT,
    "imageUrl" TEXT,

    CONSTRAINT "Story_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Target" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "digestTime" TEXT NOT NULL DEFAULT '08:00',
    "breakingEnabled" BOOLEAN NOT NULL DEFAULT true,
    "quietStart" TEXT,
    "quietEnd" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "deactivatedReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TargetCountry" (
    "targetId" INTEGER NOT NULL,
    "countryCode" TEXT NOT NULL,
    "isPrimary" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TargetCountry_pkey" PRIMARY KEY ("targetId","countryCode")
);

-- CreateTable
CREATE TABLE "TargetLanguage" (
    "targetId" INTEGER NOT NULL,
    "countryCode" TEXT NOT NULL,
    "languageCode" TEXT NOT NULL,
    "isPrimary" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TargetLanguage_pkey" PRIMARY KEY ("targetId","countryCode","languageCode")
);

-- CreateTable
CREATE TABLE "TargetSource" (
    "targetId" INTEGER NOT NULL,
    "countryCode" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "isPrimary" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TargetSource_pkey" PRIMARY KEY ("targetId","countryCode","sourceId")
);

-- CreateTable
CREATE TABLE "Subscription" (
    "targetId" INTEGER NOT NULL,
    "categorySlug" TEXT NOT NULL,
    "digestTime" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "lastDigestAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("targetId","categorySlug")
);

-- CreateTable
CREATE TABLE "Outbox" (
    "id" SERIAL NOT NULL,
    "targetId" INTEGER NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payloadId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "partsSent" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimToken" TEXT,
    "platformMessageId" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxPayload" (
    "id" SERIAL NOT NULL,
    "hash" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxPayload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundUpdate" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "updateId" TEXT NOT NULL,
    "chatKey" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handledAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimToken" TEXT,
    "claimedUntil" TIMESTAMP(3),

    CONSTRAINT "InboundUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebMessage" (
    "id" SERIAL NOT NULL,
    "chatId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'reply',
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "AdminSession" (
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdminSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SourceEdition_countryCode_idx" ON "SourceEdition"("countryCode");

-- CreateIndex
CREATE INDEX "Feed_nextFetchAt_idx" ON "Feed"("nextFetchAt");

-- CreateIndex
CREATE INDEX "Feed_sourceId_idx" ON "Feed"("sourceId");

-- CreateIndex
CREATE INDEX "WebSubSubscription_leaseExpiresAt_idx" ON "WebSubSubscription"("leaseExpiresAt");

-- CreateIndex
CREATE INDEX "Item_publishedAt_idx" ON "Item"("publishedAt");

-- CreateIndex
CREATE INDEX "Item_firstSeenAt_idx" ON "Item"("firstSeenAt");

-- CreateIndex
CREATE INDEX "Item_storyId_idx" ON "Item"("storyId");

-- CreateIndex
CREATE INDEX "Item_contentHash_idx" ON "Item"("contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "Item_sourceId_url_key" ON "Item"("sourceId", "url");

-- CreateIndex
CREATE UNIQUE INDEX "ItemFeed_feedId_guid_key" ON "ItemFeed"("feedId", "guid");

-- CreateIndex
CREATE UNIQUE INDEX "Story_key_key" ON "Story"("key");

-- CreateIndex
CREATE INDEX "Story_lastUpdatedAt_idx" ON "Story"("lastUpdatedAt");

-- CreateIndex
CREATE INDEX "Story_breakingAt_idx" ON "Story"("breakingAt");

-- CreateIndex
CREATE UNIQUE INDEX "Target_platform_externalId_key" ON "Target"("platform", "externalId");

-- CreateIndex
CREATE INDEX "Outbox_payloadId_idx" ON "Outbox"("payloadId");

-- CreateIndex
CREATE INDEX "Outbox_status_nextAttemptAt_idx" ON "Outbox"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Outbox_targetId_kind_createdAt_idx" ON "Outbox"("targetId", "kind", "createdAt");

-- CreateIndex
CREATE INDEX "Outbox_claimToken_idx" ON "Outbox"("claimToken");

-- CreateIndex
CREATE INDEX "Outbox_sentAt_idx" ON "Outbox"("sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "Outbox_targetId_dedupeKey_key" ON "Outbox"("targetId", "dedupeKey");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxPayload_hash_key" ON "OutboxPayload"("hash");

-- CreateIndex
CREATE INDEX "InboundUpdate_claimToken_idx" ON "InboundUpdate"("claimToken");

-- CreateIndex
CREATE INDEX "InboundUpdate_platform_claimedUntil_idx" ON "InboundUpdate"("platform", "claimedUntil");

-- CreateIndex
CREATE INDEX "InboundUpdate_platform_handledAt_id_idx" ON "InboundUpdate"("platform", "handledAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "InboundUpdate_platform_updateId_key" ON "InboundUpdate"("platform", "updateId");

-- CreateIndex
CREATE INDEX "WebMessage_chatId_id_idx" ON "WebMessage"("chatId", "id");

-- CreateIndex
CREATE INDEX "AdminSession_expiresAt_idx" ON "AdminSession"("expiresAt");

-- AddForeignKey
ALTER TABLE "CountryLanguage" ADD CONSTRAINT "CountryLanguage_countryCode_fkey" FOREIGN KEY ("countryCode") REFERENCES "Country"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountryLanguage" ADD CONSTRAINT "CountryLanguage_languageCode_fkey" FOREIGN KEY ("languageCode") REFERENCES "Language"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceEdition" ADD CONSTRAINT "SourceEdition_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceEdition" ADD CONSTRAINT "SourceEdition_countryCode_fkey" FOREIGN KEY ("countryCode") REFERENCES "Country"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feed" ADD CONSTRAINT "Feed_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebSubSubscription" ADD CONSTRAINT "WebSubSubscription_feedId_fkey" FOREIGN KEY ("feedId") REFERENCES "Feed"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemFeed" ADD CONSTRAINT "ItemFeed_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemFeed" ADD CONSTRAINT "ItemFeed_feedId_fkey" FOREIGN KEY ("feedId") REFERENCES "Feed"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetCountry" ADD CONSTRAINT "TargetCountry_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetLanguage" ADD CONSTRAINT "TargetLanguage_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetSource" ADD CONSTRAINT "TargetSource_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outbox" ADD CONSTRAINT "Outbox_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outbox" ADD CONSTRAINT "Outbox_payloadId_fkey" FOREIGN KEY ("payloadId") REFERENCES "OutboxPayload"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
