import { useEditor } from '../../forms/forms';
import { EditInitiativeForm, NewInitiativeForm } from './initiative-forms';
import { INITIATIVE_STATUS_LABEL, type ObjectiveDetail, type Directory } from './plan-api';

/** The initiatives (outputs) linked to the objective's key results, their status, and the forms to add or change one. */
export function InitiativeList({
  objective,
  directory,
  canWrite,
  onChanged,
}: {
  objective: ObjectiveDetail;
  directory: Directory;
  canWrite: boolean;
  onChanged(): void;
}) {
  const { editing, open: edit, close: closeEditor } = useEditor<string>();
  const titles = new Map(objective.keyResults.map((k) => [k.id, k.title]));
  const done = () => {
    closeEditor();
    onChanged();
  };
  return (
    <>
      <h3>Initiatives</h3>
      {objective.initiatives.length === 0 && <p className="muted">No initiative linked to its key results yet.</p>}
      <ul className="plan-cards">
        {objective.initiatives.map((initiative) => (
          <li key={initiative.id}>
            <p className="card-title">
              {initiative.title} <span className={`status status-${initiative.status}`}>{INITIATIVE_STATUS_LABEL[initiative.status]}</span>
            </p>
            <p className="card-facts">
              {directory.users.find((u) => u.id === initiative.ownerId)?.name ?? 'No owner'} · moves{' '}
              {initiative.keyResultIds
                .map((id) => titles.get(id))
                .filter((t) => t !== undefined)
                .join(', ') || 'no key result of this objective'}
            </p>
            {canWrite && editing === null && (
              <div className="actions">
                <button type="button" onClick={() => edit(initiative.id)} aria-label={`Edit ${initiative.title}`}>
                  Edit
                </button>
              </div>
            )}
            {editing === initiative.id && (
              <div className="editor">
                <EditInitiativeForm
                  initiativeId={initiative.id}
                  objective={objective}
                  directory={directory}
                  onDone={done}
                  onCancel={() => closeEditor()}
                />
              </div>
            )}
          </li>
        ))}
      </ul>
      {canWrite && editing === null && (
        <button type="button" onClick={() => edit('new')}>
          New initiative
        </button>
      )}
      {editing === 'new' && (
        <div className="editor">
          <NewInitiativeForm objective={objective} directory={directory} onDone={done} onCancel={() => closeEditor()} />
        </div>
      )}
    </>
  );
}
