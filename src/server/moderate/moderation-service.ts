// The service moved to the moderation domain; bench/moderation-scale.bench.ts still imports it
// from here until the benchmarks' owner moves that import.
export * from '../../moderation/moderation-service.js';
