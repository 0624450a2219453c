import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { AppError, toErrorBody } from '../../errors.js';
import type { ModerationService } from '../../moderation/moderation-service.js';
import type { ModeratorAccounts } from '../../moderation/moderator-accounts.js';
import type { Logger } from '../../logger.js';
import { requireAdmin, requireCsrf, requireModerator, sessionOf } from './auth-middleware.js';
import { validateUpload } from './document-upload.js';

/** Folder of the knowledge base that admins' uploads go to. */
export const UPLOADS = 'uploads';

export interface IngestRun {
  added: number;
  updated: number;
  removed: number;
  passages: number;
}

export interface DocumentsDeps {
  knowledgeDir: string;
  maxBytes: number;
  accounts: ModeratorAccounts;
  moderation: ModerationService;
  logger: Logger;
  /**
   * Ingests (or removes, when the file is gone) the given paths incrementally; the index is
   * written atomically, so nothing of a document is served before its write has finished.
   */
  ingest: (
    paths: string[],
    onProgress: (p: { phase: string; done: number; total: number }) => void,
  ) => Promise<IngestRun>;
  /**
   * Makes the server answer from the index just written (a new checker swapped in); absent when
   * the server cannot reload, and then the new index is served from the next start.
   */
  reload?: () => Promise<unknown>;
}

/**
 * Admin document management at /moderate/documents (outside /api, whose JSON limit is small):
 * PUT /moderate/documents/<name> with the raw file as the body, DELETE to remove, GET to list.
 * Ingest runs one job at a time in the background; progress goes to the console.
 */
export function createDocumentsRouter(deps: DocumentsDeps): Router {
  const router = Router();
  const folder = path.join(deps.knowledgeDir, UPLOADS);
  let queue: Promise<unknown> = Promise.resolve();

  /** Ingests the whole uploads folder: unchanged files are skipped by hash, gone ones removed. */
  function startIngest(file: string, action: string): string {
    const jobId = randomUUID();
    const run = async () => {
      try {
        const report = await deps.ingest([folder], (p) =>
          deps.moderation.emit('ingest:progress', {
            jobId,
            stage: p.phase,
            done: p.done,
            total: p.total,
          }),
        );
        if (deps.reload) {
          deps.moderation.emit('ingest:progress', {
            jobId,
            stage: 'loading the new index',
            done: 0,
            total: 1,
          });
          await deps.reload();
        } else deps.logger.warn({ file }, 'index written; it is served from the next start');
        deps.moderation.emit('ingest:progress', {
          jobId,
          stage: `${action} done: ${report.passages} passages indexed`,
          done: 1,
          total: 1,
          finished: true,
        });
      } catch (err) {
        deps.logger.error({ err, file }, 'document ingest failed');
        const { body } = toErrorBody(err);
        deps.moderation.emit('ingest:progress', {
          jobId,
          stage: action,
          done: 0,
          total: 1,
          finished: true,
          error: body.error,
        });
      }
    };
    queue = queue.then(run);
    return jobId;
  }

  const audit = (res: Response, action: string, name: string, before: unknown, after: unknown) =>
    deps.moderation.logAction(sessionOf(res).moderator, action, `document:${name}`, before, after);

  router.use('/moderate/documents', requireModerator(deps.accounts), requireCsrf, requireAdmin);

  router.get('/moderate/documents', async (_req, res) => {
    const names = await fs.readdir(folder).catch(() => [] as string[]);
    const files = await Promise.all(
      names.map(async (name) => {
        const stat = await fs.stat(path.join(folder, name));
        return { name, bytes: stat.size, modifiedAt: stat.mtimeMs };
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
    // Write then rename, so the ingest never reads a half-written file.
    const temporary = `${target}.${process.pid}.tmp`;
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, target);
    audit(res, before ? 'document.replace' : 'document.upload', name, before, {
      bytes: bytes.length,
    });
    res.status(202).json({ name, bytes: bytes.length, jobId: startIngest(target, 'upload') });
  };
  router.put('/moderate/documents/:name', rawUpload(deps.maxBytes), upload);

  const remove = async (req: Request, res: Response) => {
    const name = String(req.params.name);
    const target = path.join(folder, name);
    if (path.dirname(target) !== folder) throw new AppError('DOCUMENT_NOT_FOUND');
    const stat = await fs.stat(target).catch(() => undefined);
    if (!stat) throw new AppError('DOCUMENT_NOT_FOUND');
    await fs.unlink(target);
    audit(res, 'document.remove', name, { bytes: stat.size }, null);
    res.status(202).json({ name, jobId: startIngest(target, 'removal') });
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
