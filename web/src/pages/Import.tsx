import { useRef, useState } from 'preact/hooks';
import { type ImportReport, maxImportBytes } from '../../../functions/contract.ts';
import { columnNames } from '../../../functions/directory/import/columns.ts';
import type { ImportRun } from '../../../functions/directory/import/lock.ts';
import { ApiError, dir, request } from '../api.ts';
import { ErrorBox, Notice, PageHeader, Spinner } from '../components/ui.tsx';
import { templateColumns, templateCsv } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { fieldLabel, formatDateTime, lang, type MsgKey, t, tOr } from '../i18n.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function contentType(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.xlsx')) return xlsxType;
  return null;
}

function download(name: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The report of a failed (422) import sits under error.details. */
function reportOf(error: unknown): ImportReport | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const d = error.details as ImportReport | null;
  return d && Array.isArray(d.errors) ? d : null;
}

function Summary({ report }: { report: ImportReport }) {
  const kinds = [
    ['buildings', 'stats.buildings'],
    ['units', 'stats.units'],
    ['households', 'stats.households'],
  ] as const satisfies readonly (readonly [keyof ImportReport['summary'], MsgKey])[];
  return (
    <table class="table summary-table" data-testid="import-summary">
      <thead>
        <tr>
          <th />
          <th class="num">{t('import.create')}</th>
          <th class="num">{t('import.update')}</th>
          <th class="num">{t('import.unchanged')}</th>
        </tr>
      </thead>
      <tbody>
        {kinds.map(([key, label]) => {
          const c = report.summary?.[key] ?? { create: 0, update: 0, unchanged: 0 };
          return (
            <tr key={key}>
              <th>{t(label)}</th>
              <td class="num strong">{c.create}</td>
              <td class="num">{c.update}</td>
              <td class="num muted">{c.unchanged}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Ignored({ report }: { report: ImportReport }) {
  if (!report.ignoredColumns?.length) return null;
  return <Notice kind="warn">{t('import.ignored', { cols: report.ignoredColumns.join('、') })}</Notice>;
}

const nothingToDo = (r: ImportReport) =>
  (['buildings', 'units', 'households'] as const).every(
    (k) => !r.summary?.[k]?.create && !r.summary?.[k]?.update,
  );

type RowError = ImportReport['errors'][number];

/** A row error in the reader's language, from its code and params (the API's English if the code is new). */
function errorText(e: RowError): string {
  const params = Object.fromEntries(
    Object.entries(e.params ?? {}).map(([k, v]) => [
      k,
      k === 'column' && typeof v === 'string' && v in columnNames
        ? columnName(v as keyof typeof columnNames)
        : v,
    ]),
  );
  const key = `import.err.${e.code}`;
  return tOr(key, '') ? t(key as MsgKey, params) : e.message;
}

/** The header a column goes by on this page, in its language. */
const columnName = (c: keyof typeof columnNames) =>
  lang.value === 'en' ? columnNames[c].en : columnNames[c].zh;

/** The column of an error under the name this page shows it by; the whole file as "文件". */
const fieldName = (field: string) =>
  field in columnNames
    ? columnName(field as keyof typeof columnNames)
    : field === 'file'
      ? t('import.err.field.file')
      : fieldLabel(field);

function RowErrors({ report, fileName }: { report: ImportReport; fileName: string }) {
  const errors = [...report.errors].sort((a, b) => a.row - b.row);
  const rowsWithErrors = new Set(errors.map((e) => e.row)).size;
  return (
    <div class="import-errors">
      <div class="alert alert-error" role="alert">
        <div class="alert-body">
          <strong>{t('import.hasErrors', { n: errors.length, rows: rowsWithErrors })}</strong>
          <div>{t('import.nothingImported')}</div>
        </div>
        <button
          type="button"
          class="btn btn-small"
          onClick={() =>
            download(
              `${fileName.replace(/\.[^.]+$/, '')}-errors.csv`,
              `\uFEFF${[
                [t('import.row'), t('import.field'), t('import.reason')],
                ...errors.map((e) => [e.row, fieldName(e.field), errorText(e)]),
              ]
                .map((r) => r.map(csvCell).join(','))
                .join('\r\n')}\r\n`,
            )
          }
        >
          {t('import.downloadErrors')}
        </button>
      </div>
      <div class="table-wrap card error-table-wrap">
        <table class="table" data-testid="import-errors">
          <thead>
            <tr>
              <th class="num">{t('import.row')}</th>
              <th>{t('import.field')}</th>
              <th>{t('import.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={`${e.row}-${e.field}-${i}`}>
                <td class="num mono strong">{e.row}</td>
                <td>{fieldName(e.field)}</td>
                <td>{errorText(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** How the last import ended, when the user should know: still running, or rolled back. */
function LastImport({ run }: { run: ImportRun | null }) {
  if (!run || run.state === 'completed') return null;
  const vars = { who: run.startedBy, at: formatDateTime(run.startedAt) };
  if (run.state === 'running') return <Notice kind="warn">{t('import.running', vars)}</Notice>;
  return (
    <div data-testid="import-last">
      <Notice kind="warn">
        {t(run.interrupted ? 'import.lastInterrupted' : 'import.lastRolledBack', vars)}
        {run.leftovers.length > 0 && <div>{t('import.lastKept', { n: run.leftovers.length })}</div>}
      </Notice>
    </div>
  );
}

type Step = 'pick' | 'checked' | 'done';

export default function Import({ propertyId }: { propertyId: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>('pick');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // Opening the page also rolls back an import that was cut off (the server does it before answering).
  const last = useLoad(
    (signal) =>
      dir.get<{ import: ImportRun | null }>(`/properties/${propertyId}/imports/latest`, undefined, signal),
    [propertyId, step],
  );

  const choose = (f: File | null | undefined) => {
    setError(null);
    setReport(null);
    setStep('pick');
    if (!f) return setFile(null);
    if (!contentType(f)) {
      setFile(null);
      setError(new ApiError(400, 'bad_file', t('import.badType')));
      return;
    }
    // The server would refuse it too (413), but only after the whole file went up.
    if (f.size > maxImportBytes) {
      setFile(null);
      setError(
        new ApiError(400, 'file_too_large', t('import.tooLarge', { mb: maxImportBytes / 1024 / 1024 })),
      );
      return;
    }
    setFile(f);
  };

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const out = await request<ImportReport>(`/api/directory/properties/${propertyId}/imports`, {
        method: 'POST',
        query: { dryRun },
        raw: file,
        contentType: contentType(file) ?? undefined,
      });
      setReport(out);
      setStep(dryRun ? 'checked' : 'done');
    } catch (err) {
      const failed = reportOf(err);
      if (failed) {
        setReport(failed);
        setStep('checked');
      } else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const steps: { key: Step; label: MsgKey }[] = [
    { key: 'pick', label: 'import.step1' },
    { key: 'checked', label: 'import.step2' },
    { key: 'done', label: 'import.step3' },
  ];
  const stepIndex = steps.findIndex((s) => s.key === step);
  const clean = report && report.errors.length === 0;

  return (
    <div class="page" data-testid="import-page">
      <PageHeader title={t('nav.import')} subtitle={t('import.subtitle')}>
        <button
          type="button"
          class="btn"
          onClick={() => download('propdesk-import-template.csv', templateCsv())}
        >
          {t('import.template')}
        </button>
      </PageHeader>
      <ol class="steps">
        {steps.map((s, i) => (
          <li key={s.key} class={i < stepIndex ? 'step-done' : i === stepIndex ? 'step-current' : ''}>
            <span class="step-num">{i + 1}</span>
            {t(s.label)}
          </li>
        ))}
      </ol>

      {step !== 'done' && (
        // biome-ignore lint/a11y/noStaticElementInteractions: dropping is a shortcut; the file input is the control
        <div
          class={`dropzone card${dragging ? ' dropzone-over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            choose(e.dataTransfer?.files[0]);
          }}
        >
          <input
            ref={input}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            class="visually-hidden"
            id="import-file"
            data-testid="import-file"
            onChange={(e) => {
              choose(e.currentTarget.files?.[0]);
              e.currentTarget.value = '';
            }}
          />
          {file ? (
            <div class="file-picked">
              <div>
                <strong>{file.name}</strong>
                <span class="muted small"> · {(file.size / 1024).toFixed(1)} KB</span>
              </div>
              <div class="file-actions">
                <label for="import-file" class="btn">
                  {t('import.otherFile')}
                </label>
                {step === 'pick' && (
                  <button type="button" class="btn btn-primary" onClick={() => send(true)} disabled={busy}>
                    {busy && <Spinner />}
                    {busy ? t('import.checking') : t('import.check')}
                  </button>
                )}
              </div>
            </div>
          ) : (
            <div class="dropzone-empty">
              <label for="import-file" class="btn btn-primary btn-large">
                {t('import.choose')}
              </label>
              <div class="muted">{t('import.dropHint')}</div>
            </div>
          )}
        </div>
      )}

      {step === 'pick' && <LastImport run={last.data?.import ?? null} />}
      <ErrorBox error={error} />

      {step === 'checked' && report && (
        <div class="card import-result">
          <h2>{t('import.checkResult', { n: report.rows })}</h2>
          <Ignored report={report} />
          {clean && <Summary report={report} />}
          {clean && nothingToDo(report) ? (
            <Notice>{t('import.nothingChanged')}</Notice>
          ) : clean ? (
            <>
              <Notice kind="success">{t('import.noErrors')}</Notice>
              <div class="form-actions">
                <button type="button" class="btn" onClick={() => choose(null)}>
                  {t('common.cancel')}
                </button>
                <button
                  type="button"
                  class="btn btn-primary btn-large"
                  onClick={() => send(false)}
                  disabled={busy}
                  data-testid="import-confirm"
                >
                  {busy && <Spinner />}
                  {busy ? t('import.importing') : t('import.confirm')}
                </button>
              </div>
            </>
          ) : (
            <>
              <RowErrors report={report} fileName={file?.name ?? 'import'} />
              <div class="muted">{t('import.summaryValid')}</div>
              <Summary report={report} />
            </>
          )}
        </div>
      )}

      {step === 'done' && report && (
        <div class="card import-result">
          <Notice kind="success">
            <strong>{t('import.done', { n: report.rows })}</strong>
          </Notice>
          <Summary report={report} />
          <div class="form-actions">
            <button type="button" class="btn" onClick={() => choose(null)}>
              {t('import.again')}
            </button>
            <a class="btn btn-primary" href={`/p/${propertyId}/units`}>
              {t('import.viewUnits')}
            </a>
          </div>
        </div>
      )}

      {step === 'pick' && (
        <div class="card">
          <h2>{t('import.columns')}</h2>
          <p class="muted small">{t('import.columnsHint')}</p>
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th>{t('import.column')}</th>
                  <th>{t('import.meaning')}</th>
                </tr>
              </thead>
              <tbody>
                {templateColumns.map((c) => (
                  <tr key={c} data-column={c}>
                    <td>
                      <strong class="import-column-name">{columnName(c)}</strong>{' '}
                      <span class="muted small mono">{c}</span>
                    </td>
                    <td>{t(`import.col.${c}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
