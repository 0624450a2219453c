// The accounts moved to the moderation domain; `factcheck moderators` (src/cli) still imports
// them from here until the CLI's owner moves that import.
export * from '../../moderation/moderator-accounts.js';
