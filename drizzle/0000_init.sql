CREATE TABLE `align_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`level` text NOT NULL,
	`ordinal` integer NOT NULL,
	`parent_id` integer,
	`confidence` real NOT NULL,
	`flagged` integer DEFAULT false NOT NULL,
	`origin` text DEFAULT 'auto' NOT NULL,
	`confirmed` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `align_groups_document` ON `align_groups` (`document_id`,`level`,`ordinal`);--> statement-breakpoint
CREATE INDEX `align_groups_parent` ON `align_groups` (`parent_id`);--> statement-breakpoint
CREATE TABLE `align_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`level` text NOT NULL,
	`src_lang` text NOT NULL,
	`tgt_lang` text NOT NULL,
	`src_ids` text NOT NULL,
	`tgt_ids` text NOT NULL,
	`shape` text NOT NULL,
	`confidence` real NOT NULL,
	`origin` text DEFAULT 'auto' NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `align_links_document` ON `align_links` (`document_id`,`level`,`tgt_lang`);--> statement-breakpoint
CREATE TABLE `blocks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version_id` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`kind` text NOT NULL,
	`label` text,
	`text` text NOT NULL,
	`footnote_refs` text DEFAULT '[]' NOT NULL,
	`paragraph_group_id` integer,
	FOREIGN KEY (`version_id`) REFERENCES `versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`paragraph_group_id`) REFERENCES `align_groups`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `blocks_version` ON `blocks` (`version_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `blocks_group` ON `blocks` (`paragraph_group_id`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`symbol` text NOT NULL,
	`title` text,
	`source` text DEFAULT 'document' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_slug` ON `documents` (`slug`);--> statement-breakpoint
CREATE TABLE `glossary_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`concept` text,
	`status` text DEFAULT 'candidate' NOT NULL,
	`note` text,
	`origin` text DEFAULT 'manual' NOT NULL,
	`score` real,
	`frequency` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `glossary_refs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`group_id` integer,
	`document_symbol` text,
	`paragraph_label` text,
	FOREIGN KEY (`entry_id`) REFERENCES `glossary_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `align_groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `glossary_refs_entry` ON `glossary_refs` (`entry_id`);--> statement-breakpoint
CREATE TABLE `glossary_terms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`lang` text NOT NULL,
	`text` text NOT NULL,
	`usage` text DEFAULT 'preferred' NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `glossary_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `glossary_terms_entry` ON `glossary_terms` (`entry_id`);--> statement-breakpoint
CREATE INDEX `glossary_terms_lang_text` ON `glossary_terms` (`lang`,`text`);--> statement-breakpoint
CREATE TABLE `review_acceptances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`finding_key` text NOT NULL,
	`note` text,
	`accepted_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_acceptances_key` ON `review_acceptances` (`finding_key`);--> statement-breakpoint
CREATE TABLE `sentences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`block_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`lang` text NOT NULL,
	`ordinal` integer NOT NULL,
	`text` text NOT NULL,
	`norm` text NOT NULL,
	`group_id` integer,
	FOREIGN KEY (`block_id`) REFERENCES `blocks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `align_groups`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `sentences_block` ON `sentences` (`block_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `sentences_group` ON `sentences` (`group_id`);--> statement-breakpoint
CREATE INDEX `sentences_version` ON `sentences` (`version_id`);--> statement-breakpoint
CREATE TABLE `versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`lang` text NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`sha256` text NOT NULL,
	`detected_lang` text,
	`detected_confidence` real,
	`imported_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `versions_document_lang` ON `versions` (`document_id`,`lang`);