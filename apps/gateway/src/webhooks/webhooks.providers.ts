import { WebhookDeliveryClient } from './webhook-delivery.client';
import { WebhookDeliveryController } from './webhook-delivery.controller';
import { WebhookSecretClient } from './webhook-secret.client';
import { WebhookSecretController } from './webhook-secret.controller';

/** Gateway side of webhooks (issue 6): delivery relay (public) and secret rotation (authenticated). */
export const webhookControllers = [WebhookDeliveryController, WebhookSecretController];
export const webhookProviders = [WebhookDeliveryClient, WebhookSecretClient];
