import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { cancelTopic, type ExecutionCancelNotice, type Subjects } from '@cp/contracts';
import { NATS_CONNECTION, SUBJECTS } from '@cp/runtime';

/** Tells the worker running an attempt to stop (core NATS `live.cancel.<execution_id>`; best effort, not persisted). */
@Injectable()
export class CancelNotifier {
  constructor(@Inject(NATS_CONNECTION) private readonly nats: NatsConnection, @Inject(SUBJECTS) private readonly subjects: Subjects) {}

  notify(notice: ExecutionCancelNotice): void {
    this.nats.publish(this.subjects.live(cancelTopic(notice.execution_id)), JSON.stringify(notice));
  }
}
