import fs from 'node:fs/promises';
import path from 'node:path';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { AppError } from '../../errors.js';
import type { ModerationService } from '../../moderation/moderation-service.js';
import type { ModeratorAccounts } from '../../moderation/moderator-accounts.js';
import type { IngestJobs } from '../ingest-jobs.js';
import { requireAdmin, requireCsrf, requireModerator, sessionOf } from './auth-middleware.js';
import { validateUpload } from './document-upload.js';

/** Folder of the knowledge base that admins' uploads go to. */
export const UPLOADS = 'uploads';

export interface DocumentsDeps {
  knowledgeDir: string;
  maxBytes: number;
  accounts: ModeratorAccounts;
  moderation: ModerationService;
  /**
   * The ingest queue: a job is recorded before its file changes and runs in a worker thread,
   * then the server answers from the new index; the console follows it as `ingest:progress`.
   */
  jobs: IngestJobs;
}

/**
 * Admin document management at /moderate/documents (outside /api, whose JSON limit is small):
 * PUT /moderate/documents/<name> with the raw file as the body, DELETE to remove, GET to list.
 * Each change is an ingest job (src/server/ingest-jobs.ts); the answer (202) carries its id.
 */
export function createDocumentsRouter(deps: DocumentsDeps): Router {
  const router = Router();
  const folder = path.join(deps.knowledgeDir, UPLOADS);
  const fileOf = (name: string) => `${UPLOADS}/${name}`;

  const audit = (res: Response, action: string, name: string, before: unknown, after: unknown) =>
    deps.moderation.logAction(sessionOf(res).moderator, action, `document:${name}`, before, after);

  router.use('/moderate/documents', requireModerator(deps.accounts), requireCsrf, requireAdmin);

  router.get('/moderate/documents', async (_req, res) => {
    // Dot files are uploads still being written (or left by a crash while being written).
    const names = (await fs.readdir(folder).catch(() => [] as string[])).filter(
      (name) => !name.startsWith('.'),
    );
    const files = await Promise.all(
      names.map(async (name) => {
        const stat = await fs.stat(path.join(folder, name));
        // Whether it is in the index yet: its last job pending, running, done or failed.
        const job = await deps.jobs.repo.latestFor(fileOf(name));
        const ingest = job ? { jobId: job.id, status: job.status, outcome: job.outcome } : null;
        return { name, bytes: stat.size, modifiedAt: stat.mtimeMs, ingest };
      }),
    );
    res.json(files);
  });

  const upload = async (req: Request, res: Response) => {
    const name = String(req.params.name);
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    validateUpload(name, bytes, deps.maxBytes);
    await fs.mkdir(folder, { recursive: true });
    const target = path.join(folder, name);
    const before = await fs.stat(target).then(
      (s) => ({ bytes: s.size }),
      () => null,
    );
    // Write then rename, so the ingest never reads a half-written file; the job is recorded
    // before the rename, so a crash after it still finds the job at the next start.
    const temporary = path.join(folder, `.${name}.${process.pid}.tmp`);
    await fs.writeFile(temporary, bytes);
    const jobId = await deps.jobs.submit({ action: 'upload', file: fileOf(name) }, () =>
      fs.rename(temporary, target),
    );
    await audit(res, before ? 'document.replace' : 'document.upload', name, before, {
      bytes: bytes.length,
    });
    res.status(202).json({ name, bytes: bytes.length, jobId });
  };
  router.put('/moderate/documents/:name', rawUpload(deps.maxBytes), upload);

  const remove = async (req: Request, res: Response) => {
    const name = String(req.params.name);
    const target = path.join(folder, name);
    if (path.dirname(target) !== folder) throw new AppError('DOCUMENT_NOT_FOUND');
    const stat = await fs.stat(target).catch(() => undefined);
    if (!stat) throw new AppError('DOCUMENT_NOT_FOUND');
    const jobId = await deps.jobs.submit({ action: 'removal', file: fileOf(name) }, () =>
      fs.unlink(target),
    );
    await audit(res, 'document.remove', name, { bytes: stat.size }, null);
    res.status(202).json({ name, jobId });
  };
  router.delete('/moderate/documents/:name', remove);

  return router;
}

/** The raw file body; one byte over the limit is a document too large, not a request too large. */
function rawUpload(maxBytes: number): RequestHandler {
  const parse = express.raw({ type: () => true, limit: maxBytes + 1 });
  return (req, res, next) =>
    parse(req, res, (err?: unknown) => {
      const isTooLarge = (err as { type?: unknown } | undefined)?.type === 'entity.too.large';
      next(isTooLarge ? new AppError('SOURCE_TOO_LARGE') : err);
    });
}
