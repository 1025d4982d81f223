import { create as contentDisposition } from 'content-disposition';
import { FILE_CATEGORIES } from '@resoftai/templates';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import mime from 'mime-types';
import { z } from 'zod';
import { principalOf, requireAuth } from '../http/authentication.ts';
import { readMultipartUpload } from '../http/uploads.ts';
import { authenticated, errorResponses, idParam, idQuery, pagingQuery, totalCountHeader } from './schemas.ts';

const category = z.enum(FILE_CATEGORIES);

const fileSummarySchema = z
  .object({
    id: z.number().int(),
    project_id: z.number().int(),
    filename: z.string().describe('Path inside the project, e.g. src/app/main.py'),
    category,
    size: z.number().int(),
    mime_type: z.string(),
    version: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'ProjectFile' });

const fileDetailSchema = fileSummarySchema
  .extend({ content: z.string().nullable().describe('Current content when it is text (UTF-8); null for binary files'), created_by: z.number().int().nullable() })
  .meta({ id: 'ProjectFileDetail' });

const versionSchema = z
  .object({
    version: z.number().int(),
    size: z.number().int(),
    mime_type: z.string(),
    restored_from_version: z.number().int().nullable(),
    created_at: z.string(),
    created_by: z.number().int().nullable(),
  })
  .meta({ id: 'ProjectFileVersion' });

const uploadFields = z.strictObject({ project_id: idQuery, category: category.optional() });
const filePart = z.string().meta({ format: 'binary' }).describe('The content; its file name may carry a directory path inside the project');

/**
 * Documents a multipart body in OpenAPI. The multipart parser leaves `request.body` null and the
 * handler streams the parts itself (readMultipartUpload), hence nullish.
 */
const multipartBody = <T extends z.ZodRawShape>(shape: T) => z.object(shape).nullish();
const fileId = idParam('file_id');

export const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { files } = app.services;
  const maxBytes = app.services.uploadPolicy.maxBytes;

  app.post('/api/files', {
    onRequest: requireAuth,
    schema: {
      tags: ['files'],
      summary: 'Upload a file to a project (an existing path gets a new version)',
      security: authenticated,
      consumes: ['multipart/form-data'],
      body: multipartBody({ file: filePart, project_id: z.number().int(), category: category.optional().describe('Derived from the path when absent') }),
      response: { 201: fileSummarySchema, ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
    },
  }, async (request, reply) => {
    const upload = await readMultipartUpload(request, uploadFields, maxBytes);
    const saved = await files.upload(principalOf(request), {
      projectId: upload.fields.project_id,
      category: upload.fields.category,
      filename: upload.file.filename,
      content: upload.file.content,
    });
    return reply.code(201).send(saved);
  });

  app.get('/api/files', {
    onRequest: requireAuth,
    schema: {
      tags: ['files'],
      summary: "A project's files by path (total in X-Total-Count)",
      security: authenticated,
      querystring: z.strictObject({ project_id: idQuery, category: category.optional(), ...pagingQuery }),
      response: { 200: z.array(fileSummarySchema), ...errorResponses(401, 403, 404, 422) },
    },
  }, async (request, reply) => {
    const { project_id, category: only, skip, limit } = request.query;
    const { items, total } = await files.list(principalOf(request), project_id, { category: only }, { skip, limit });
    return reply.header(totalCountHeader, String(total)).send(items);
  });

  app.get('/api/files/:file_id', {
    onRequest: requireAuth,
    schema: {
      tags: ['files'],
      summary: 'A file with its current content',
      security: authenticated,
      params: fileId,
      response: { 200: fileDetailSchema, ...errorResponses(401, 403, 404, 422) },
    },
  }, async (request) => files.get(principalOf(request), request.params.file_id));

  app.get('/api/files/:file_id/download', {
    onRequest: requireAuth,
    schema: {
      tags: ['files'],
      summary: 'Download the current content (Content-Disposition with an RFC 5987 name when it is not ASCII)',
      security: authenticated,
      params: fileId,
      produces: ['application/octet-stream'],
      response: { 200: z.any().describe('the file content'), ...errorResponses(401, 403, 404, 422) },
    },
  }, async (request, reply) => {
    const download = await files.download(principalOf(request), request.params.file_id);
    return reply
      .type(mime.contentType(download.mimeType) || download.mimeType)
      .header('content-disposition', contentDisposition(download.filename))
      .header('x-content-type-options', 'nosniff')
      .send(download.content);
  });

  app.put('/api/files/:file_id', {
    onRequest: requireAuth,
    schema: {
      tags: ['files'],
      summary: 'Replace the content of a file, creating a new version',
      security: authenticated,
      consumes: ['multipart/form-data'],
      body: multipartBody({ file: filePart }),
      params: fileId,
      response: { 200: fileSummarySchema, ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
    },
  }, async (request) => {
    const upload = await readMultipartUpload(request, z.strictObject({}), maxBytes);
    return files.update(principalOf(request), request.params.file_id, upload.file.content);
  });

  app.delete('/api/files/:file_id', {
    onRequest: requireAuth,
    schema: {
      tags: ['files'],
      summary: 'Delete a file with all its versions',
      security: authenticated,
      params: fileId,
      response: { 204: z.null(), ...errorResponses(401, 403, 404, 422) },
    },
  }, async (request, reply) => {
    await files.delete(principalOf(request), request.params.file_id);
    return reply.code(204).send(null);
  });

  app.get('/api/files/:file_id/versions', {
    onRequest: requireAuth,
    schema: {
      tags: ['files'],
      summary: "A file's versions, newest first",
      security: authenticated,
      params: fileId,
      response: { 200: z.array(versionSchema), ...errorResponses(401, 403, 404, 422) },
    },
  }, async (request) => files.versions(principalOf(request), request.params.file_id));

  app.get('/api/files/:file_id/versions/:version', {
    onRequest: requireAuth,
    schema: {
      tags: ['files'],
      summary: 'One version of a file with its content (to compare versions)',
      security: authenticated,
      params: z.strictObject({ file_id: idQuery, version: idQuery }),
      response: {
        200: versionSchema.extend({ content: z.string().nullable().describe('The content of that version when it is text (UTF-8); null for binary files') }).meta({ id: 'ProjectFileVersionDetail' }),
        ...errorResponses(401, 403, 404, 422),
      },
    },
  }, async (request) => files.version(principalOf(request), request.params.file_id, request.params.version));

  app.post('/api/files/:file_id/versions/:version/restore', {
    onRequest: requireAuth,
    schema: {
      tags: ['files'],
      summary: 'Make an old version current again (as a new version copying it)',
      security: authenticated,
      params: z.strictObject({ file_id: idQuery, version: idQuery }),
      response: {
        200: fileSummarySchema.extend({ restored_from_version: z.number().int() }).meta({ id: 'RestoredFile' }),
        ...errorResponses(401, 403, 404, 422),
      },
    },
  }, async (request) => {
    const { file, restoredFrom } = await files.restore(principalOf(request), request.params.file_id, request.params.version);
    return { ...file, restored_from_version: restoredFrom };
  });
};
