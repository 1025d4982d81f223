import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, fieldError } from '../errors.ts';
import { fileTooLarge } from '../services/file-content.ts';
import { textProblem } from './input-rules.ts';

export interface UploadedFile {
  /** As the client sent it, directories included; the file service sanitizes it. */
  filename: string;
  content: Buffer;
}

export interface MultipartUpload<T> {
  file: UploadedFile;
  fields: T;
}

const FILE_FIELD = 'file';

/**
 * Reads a multipart body: the part `file` (buffered, at most `maxBytes`) and the text fields, which
 * are validated by `fields` and reported like any other 422 validation failure.
 */
export async function readMultipartUpload<S extends z.ZodType>(request: FastifyRequest, fields: S, maxBytes: number): Promise<MultipartUpload<z.output<S>>> {
  if (!request.isMultipart()) throw new AppError(415, 'Expected a multipart/form-data body with a "file" part');
  let file: UploadedFile | undefined;
  const values: Record<string, string> = {};
  try {
    for await (const part of request.parts({ preservePath: true })) {
      const nameProblem = textProblem(part.fieldname);
      if (nameProblem) throw fieldError(422, ['body'], `A part name ${nameProblem}`, 'value_error.text');
      if (part.type === 'field') {
        const value = String(part.value);
        const problem = textProblem(value);
        if (problem) throw fieldError(422, ['body', part.fieldname], problem, 'value_error.text');
        values[part.fieldname] = value;
      } else if (part.fieldname !== FILE_FIELD || file) {
        part.file.resume();
        throw fieldError(422, ['body', part.fieldname], `Only one file is accepted, in the "${FILE_FIELD}" part`);
      } else {
        const problem = textProblem(part.filename);
        if (problem) {
          part.file.resume();
          throw fieldError(422, ['body', FILE_FIELD, 'filename'], problem, 'value_error.text');
        }
        file = { filename: part.filename, content: await part.toBuffer() };
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(maxBytes);
    // Everything else the parser throws here is the body's fault: no boundary, a part cut short, too many parts.
    const status = (error as { statusCode?: unknown }).statusCode;
    throw new AppError(typeof status === 'number' && status >= 400 && status < 500 ? status : 400, `Malformed multipart body: ${(error as Error).message}`);
  }
  if (!file) throw fieldError(422, ['body', FILE_FIELD], `Field required: send the content as a file part named "${FILE_FIELD}"`, 'value_error.missing');
  const parsed = fields.safeParse(values);
  if (!parsed.success) {
    throw new AppError(422, 'Request validation failed', {
      errorCode: 'VALIDATION_ERROR',
      validation: parsed.error.issues.map((issue) => ({
        loc: ['body', ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))],
        msg: issue.message,
        type: `value_error.${issue.code}`,
      })),
    });
  }
  return { file, fields: parsed.data };
}
