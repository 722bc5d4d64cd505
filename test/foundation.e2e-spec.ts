import { Body, Controller, Module, Post } from '@nestjs/common';
import { InjectModel, MongooseModule, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { IsEmail, IsInt, IsString, Min } from 'class-validator';
import { Model } from 'mongoose';
import { createTestApp, TestApp } from './support/test-app';

@Schema({ collection: 'probe_notes' })
class ProbeNote {
  @Prop({ required: true, unique: true }) email!: string;
  @Prop({ required: true }) amountMinor!: number;
}
const ProbeNoteSchema = SchemaFactory.createForClass(ProbeNote);

class CreateProbeDto {
  @IsEmail() email!: string;
  @IsInt() @Min(0) amountMinor!: number;
  @IsString() note!: string;
}

@Controller('probe')
class ProbeController {
  constructor(@InjectModel(ProbeNote.name) private readonly notes: Model<ProbeNote>) {}

  @Post()
  async create(@Body() dto: CreateProbeDto): Promise<{ email: string; amountMinor: number }> {
    await this.notes.create({ email: dto.email, amountMinor: dto.amountMinor });
    const stored = await this.notes.findOne({ email: dto.email }).lean();
    return { email: stored!.email, amountMinor: stored!.amountMinor };
  }

  @Post('boom')
  boom(): never {
    throw new Error('secret internal detail');
  }
}

@Module({
  imports: [MongooseModule.forFeature([{ name: ProbeNote.name, schema: ProbeNoteSchema }])],
  controllers: [ProbeController],
})
class ProbeModule {}

describe('Foundation: app on the embedded database', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ extraImports: [ProbeModule] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports live and ready, with the database checked', async () => {
    await t.http().get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.info.database.status).toBe('up');
  });

  it('writes and reads a document through Mongoose', async () => {
    const res = await t
      .http()
      .post('/probe')
      .send({ email: 'a@example.com', amountMinor: 1250, note: 'x' })
      .expect(201);
    expect(res.body).toEqual({ email: 'a@example.com', amountMinor: 1250 });
    expect(await t.connection.collection('probe_notes').countDocuments()).toBe(1);
  });

  it('answers a validation failure with VALIDATION_FAILED and per-field details', async () => {
    const res = await t
      .http()
      .post('/probe')
      .send({ email: 'nope', amountMinor: -1, note: 'x' })
      .expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const fields = (res.body.error.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['amountMinor', 'email']);
  });

  it('answers an unknown field with UNKNOWN_FIELD and stores nothing', async () => {
    const before = await t.connection.collection('probe_notes').countDocuments();
    const res = await t
      .http()
      .post('/probe')
      .send({ email: 'b@example.com', amountMinor: 1, note: 'x', isAdmin: true })
      .expect(400);
    expect(res.body.error.code).toBe('UNKNOWN_FIELD');
    expect(await t.connection.collection('probe_notes').countDocuments()).toBe(before);
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t
      .http()
      .post('/probe')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'c@example.com', amountMinor: 1, note: 'x'.repeat(200_000) }))
      .expect(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers broken JSON with 400 INVALID_JSON', async () => {
    const res = await t
      .http()
      .post('/probe')
      .set('Content-Type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
    const res = await t.http().get('/no/such/route').expect(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('refuses MongoDB operators in a body with UNSAFE_INPUT', async () => {
    const res = await t
      .http()
      .post('/probe')
      .send({ email: { $gt: '' }, amountMinor: 1, note: 'x' })
      .expect(400);
    expect(res.body.error.code).toBe('UNSAFE_INPUT');
  });

  it('leaves provider webhooks to their signature check: dotted metadata keys and large bodies pass the generic filters', async () => {
    const event = {
      id: 'evt_probe',
      type: 'invoice.paid',
      data: { object: { metadata: { 'crm.contact': 'x' }, lines: 'x'.repeat(200_000) } },
    };
    const res = await t
      .http()
      .post('/api/payments/webhook')
      .set('Stripe-Signature', 't=1,v1=bogus')
      .send(event);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.body.error.code).not.toBe('UNSAFE_INPUT');
    expect(res.body.error.code).not.toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a duplicate unique value with 409 DUPLICATE', async () => {
    await t
      .http()
      .post('/probe')
      .send({ email: 'dup@example.com', amountMinor: 1, note: 'x' })
      .expect(201);
    const res = await t
      .http()
      .post('/probe')
      .send({ email: 'dup@example.com', amountMinor: 1, note: 'x' })
      .expect(409);
    expect(res.body.error.code).toBe('DUPLICATE');
  });

  it('hides internal errors behind a bare 500 with a request id', async () => {
    const res = await t.http().post('/probe/boom').set('X-Request-Id', 'req-abcdef123').expect(500);
    expect(res.body).toEqual({
      error: {
        code: 'INTERNAL_ERROR',
        message: 'Internal server error',
        requestId: 'req-abcdef123',
      },
    });
    expect(JSON.stringify(res.body)).not.toContain('secret internal detail');
  });

  it('serves Swagger JSON with both auth schemes', async () => {
    const res = await t.http().get('/docs-json').expect(200);
    expect(Object.keys(res.body.components.securitySchemes).sort()).toEqual(['api-key', 'jwt']);
    expect(res.body.paths['/health/ready']).toBeDefined();
  });
});
