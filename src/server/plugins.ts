import { moderationPlugin } from './moderate/moderation-plugin.js';
import type { ServerPlugin } from './plugin.js';

/**
 * The plugins `factcheck serve` mounts, in order. Moderation (routes under /api/v1/moderate,
 * the answer pages, the /moderate namespace and its answer hooks) joins here with one line.
 */
export const defaultPlugins: ServerPlugin[] = [moderationPlugin()];
