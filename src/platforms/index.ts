// Every chat platform Herald speaks: a new one is a folder beside these and a line here.
import { discord } from './discord/index.ts';
import type { Platform } from './platform.ts';
import { telegram } from './telegram/index.ts';
import { web } from './web/index.ts';

export const platforms: readonly Platform[] = [telegram, discord, web];
