import type { Config } from '../../config/config.js';
import type { Store } from '../../store/store.js';
import type { AnswerService } from '../answer-service.js';
import type { CheckerGate } from '../checker-gate.js';
import type { ImageClaims } from '../image-claims.js';
import type { Metrics } from '../metrics.js';

/** What the REST routes need. */
export interface HttpDeps {
  config: Config;
  gate: CheckerGate;
  store: Store;
  answers: AnswerService;
  /** Screenshot claims: read, then answered like typed ones. */
  imageClaims: ImageClaims;
  metrics: Metrics;
  /** The built widget (client/dist). */
  clientDir: string;
}
