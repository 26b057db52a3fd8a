import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../auth/auth.guard';
import { gatewayMetrics } from './http-metrics';

@Controller('metrics')
@Public()
export class MetricsController {
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return gatewayMetrics.metrics();
  }
}
