import { useState } from 'preact/hooks';
import { api, call } from '../../api/client';
import type { HandoverSheet } from '../../api/types';
import { formatDateTime, formatMoney, label } from '../../components/labels';
import { Loading } from '../../components/Loading';
import { useLoad } from '../../components/use-load';

/** The handover sheet (лист передачи) of a threat, opened on demand. */
export function HandoverSheetView(props: { clientId: string; threatId: string }) {
  const [open, setOpen] = useState(false);
  const id = `sheet-${props.threatId}`;
  return (
    <div class="sheet">
      <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {open ? 'Скрыть лист передачи' : 'Лист передачи'}
      </button>
      <div id={id}>{open && <SheetBody {...props} />}</div>
    </div>
  );
}

function SheetBody(props: { clientId: string; threatId: string }) {
  const sheet = useLoad(
    () =>
      call<HandoverSheet>(
        api.GET('/api/v1/clients/{clientId}/handover-sheets/{threatId}', {
          params: { path: { clientId: props.clientId, threatId: props.threatId } },
        }),
      ),
    [props.clientId, props.threatId],
  );
  const s = sheet.data;
  return (
    <Loading error={sheet.error} loading={sheet.loading}>
      {s && (
        <>
          <dl class="facts">
            <dt>Причина передачи</dt>
            <dd>{label(s.reason)}</dd>
            <dt>Передан</dt>
            <dd>
              {formatDateTime(s.handedOverAt)} от КПП {s.fromKppId}
            </dd>
            <dt>Долг</dt>
            <dd>
              {s.debtMonths} мес. · {formatMoney(s.unpaid)} (абонплата {formatMoney(s.monthlyFee)})
            </dd>
            <dt>Нарушено обещаний подряд</dt>
            <dd>{s.brokenPromisesInRow}</dd>
            <dt>Комментарий КПП</dt>
            <dd>{s.kppComment || '—'}</dd>
          </dl>
          <h3>Счета и оплаты</h3>
          {s.invoices.length + s.payments.length === 0 && <p>нет</p>}
          <ul>
            {s.invoices.map((i) => (
              <li key={i.invoiceId}>
                счёт {i.invoiceId} от {i.issuedOn}: {formatMoney(i.amount)}
              </li>
            ))}
            {s.payments.map((p) => (
              <li key={p.paymentId}>
                оплата {p.paymentId} от {p.paidOn}: {formatMoney(p.amount)}
              </li>
            ))}
          </ul>
          {s.promises.length > 0 && (
            <>
              <h3>Обещания</h3>
              <ul>
                {s.promises.map((p) => (
                  <li key={p.promiseId}>
                    на {p.promisedOn}, {formatMoney(p.target)}: {p.status}
                  </li>
                ))}
              </ul>
            </>
          )}
          {s.contactPersons.length > 0 && (
            <>
              <h3>Контактные лица</h3>
              <ul>
                {s.contactPersons.map((p) => (
                  <li key={p.contactPersonId}>
                    {p.name} {p.phones?.[0] ?? ''}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Loading>
  );
}
