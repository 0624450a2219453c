/**
 * Scripts on a key holding its owner's random id (a lock, a lease): renew or delete it only
 * while it is still the caller's, since it may have run out and been taken by another node.
 * KEYS[1] = the key, ARGV[1] = the owner's id, ARGV[2] = the new lifetime in ms (renew).
 */
export const RENEW_IF_OWNED = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

export const DELETE_IF_OWNED = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1]) else return 0 end`;
