import { Controller, Get } from '@nestjs/common';
import { Public } from '../auth/auth.guard';
import { openApiDocument } from './openapi-document';

@Controller('api')
@Public()
export class OpenApiController {
  private readonly document = openApiDocument();

  @Get('openapi.json')
  get() {
    return this.document;
  }
}
