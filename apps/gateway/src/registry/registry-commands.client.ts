import { Injectable } from '@nestjs/common';
import { REGISTRY_SERVICE, type RegistryServiceRequests, type RegistryServiceResult } from '@cp/contracts';
import { CommandSender } from '../commands/command-sender';

/** Registry commands (hosted by the jobs service); the response is read from the read model, so the wait is strict. */
@Injectable()
export class RegistryCommandsClient {
  constructor(private readonly sender: CommandSender) {}

  send<C extends keyof RegistryServiceRequests>(command: C, payload: RegistryServiceRequests[C]): Promise<RegistryServiceResult> {
    return this.sender.send<RegistryServiceResult>(REGISTRY_SERVICE, command, payload, 'strict');
  }
}
