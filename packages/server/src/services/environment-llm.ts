import type { EnvironmentLlm } from '../config.ts';
import type { UserRepository } from '../db/repositories/users.ts';
import type { LlmConfigService } from './llm-configs.ts';

/**
 * `RESOFTAI_LLM_*` set up the model in one step: the first administrator's default LLM config follows
 * them — at start when that account exists, else as soon as it registers.
 */
export class EnvironmentLlmSetup {
  constructor(
    private readonly users: UserRepository,
    private readonly configs: LlmConfigService,
    private readonly llm: EnvironmentLlm | undefined,
  ) {}

  async applyAtStart(): Promise<void> {
    if (!this.llm) return;
    this.configs.checkEnvironment(this.llm);
    const admin = await this.users.firstAdmin();
    if (admin) await this.configs.applyEnvironment(admin.id, this.llm);
  }

  /** The first account registers as the administrator; it gets the environment's model at once. */
  async userRegistered(user: { id: number; role: string }): Promise<void> {
    if (!this.llm || user.role !== 'admin') return;
    const admin = await this.users.firstAdmin();
    if (admin?.id === user.id) await this.configs.applyEnvironment(user.id, this.llm);
  }
}
