import { useEffect, useRef, useState } from 'preact/hooks';
import { type IdentifierView, type LiveEvent, type ProfileView, searchableTypes, type SearchableType, type SpendPyramidView } from '../../src/explorer-api/explorer-api';
import { deleteProfile, followProfile, loadProfile, loadPyramid, saveToken, savedToken, search, unmerge } from './api';
import { DecisionsSection } from './decisions-section';
import { time } from './format';
import { IdentitySection } from './identity-section';
import { JourneyChart } from './journey-chart';
import { ProductsSection } from './products-section';
import { PyramidChart } from './pyramid-chart';
import { TimelineSection } from './timeline-section';

const typeLabels: Record<SearchableType, string> = {
  loyaltyId: 'loyalty card',
  email: 'email (hashed before lookup)',
  phone: 'phone (hashed before lookup)',
  userId: 'user id',
  anonymousId: 'anonymous id',
  posCustomerId: 'POS customer id',
  deviceId: 'device id',
  profileId: 'profile id',
};

const liveText = (event: LiveEvent): string =>
  event.kind === 'transition'
    ? `journey: stage ${event.stage ?? '–'}, step ${event.step ?? '–'}, tier ${event.tier ?? '–'}${event.productsChanged.length ? `; products ${event.productsChanged.join(', ')}` : ''}${event.survivorProfileId ? `; merged into ${event.survivorProfileId}` : ''} (${event.cause.kind} ${event.cause.id})`
    : `${event.decision.type}${event.decision.productId ? ` ${event.decision.productId}` : ''}${event.decision.reason ? ` (${event.decision.reason})` : ''}${event.decision.items.length ? `: ${event.decision.items.join(', ')}` : ''}`;

export function App() {
  const [token, setToken] = useState(savedToken());
  const [tokenInput, setTokenInput] = useState(savedToken());
  const [type, setType] = useState<SearchableType>('loyaltyId');
  const [value, setValue] = useState('');
  const [status, setStatus] = useState('');
  const [matched, setMatched] = useState<IdentifierView | null>(null);
  const [profile, setProfile] = useState<ProfileView | null>(null);
  const [pyramid, setPyramid] = useState<SpendPyramidView | null>(null);
  const [live, setLive] = useState<{ at: string; text: string }[]>([]);
  const [liveState, setLiveState] = useState('');
  const reload = useRef<ReturnType<typeof setTimeout> | null>(null);
  const profileId = profile?.profileId ?? null;

  const refresh = (id: string): void => {
    loadProfile(token, id).then(setProfile, (error: unknown) => setStatus(String(error)));
    loadPyramid(token).then(setPyramid, () => setPyramid(null));
  };

  useEffect(() => {
    if (profileId === null) return undefined;
    setLive([]);
    const stop = followProfile(
      token,
      profileId,
      (event) => {
        setLive((list) => [{ at: new Date().toISOString(), text: liveText(event) }, ...list].slice(0, 50));
        // A burst of events (one purchase: a transition and several decisions) reloads once.
        if (reload.current) clearTimeout(reload.current);
        reload.current = setTimeout(() => refresh(profileId), 300);
      },
      (state) => setLiveState(state === 'open' ? 'Live updates on.' : state === 'closed' ? 'Live updates ended.' : state),
    );
    return stop;
  }, [profileId, token]);

  const onLogin = (event: Event): void => {
    event.preventDefault();
    saveToken(tokenInput.trim());
    setToken(tokenInput.trim());
    setStatus(tokenInput.trim() ? 'Token set for this tab.' : 'Token cleared.');
  };

  const onSearch = (event: Event): void => {
    event.preventDefault();
    setStatus('Searching…');
    search(token, type, value).then(
      (answer) => {
        if (answer.kind === 'found') {
          setMatched(answer.matched);
          // The typed email or phone leaves the page state once it was looked up.
          if (type === 'email' || type === 'phone') setValue('');
          setStatus(`Found profile ${answer.profileId}.`);
          refresh(answer.profileId);
        } else if (answer.kind === 'not_found') {
          setProfile(null);
          setStatus(`No profile has this ${typeLabels[type]}.`);
        } else {
          setStatus(`Search unavailable: ${answer.code ?? 'no answer'}: ${answer.message}`);
        }
      },
      (error: unknown) => setStatus(String(error)),
    );
  };

  const onUnmerge = (mergeId: string): void => {
    if (!profileId) return;
    unmerge(token, profileId, mergeId).then(
      (part) => {
        setStatus(part.ok ? 'Unmerged.' : part.status === 404 && part.code !== 'TP_PROFILE_NOT_FOUND' ? 'Unmerge is not available on this installation yet.' : `Unmerge refused: ${part.code ?? 'no answer'}: ${part.message}`);
        refresh(profileId);
      },
      (error: unknown) => setStatus(String(error)),
    );
  };

  const onDelete = (): void => {
    if (!profileId || !window.confirm(`Erase profile ${profileId} and everything Touchpoint knows about it?`)) return;
    deleteProfile(token, profileId).then(
      (part) => setStatus(part.ok ? `Profile ${profileId} erased.` : `Deletion refused: ${part.code ?? 'no answer'}: ${part.message}`),
      (error: unknown) => setStatus(String(error)),
    );
  };

  const summary = profile?.journey.ok ? profile.journey.value.summary : null;
  return (
    <>
      <header>
        <h1>Journey explorer</h1>
        <form class="login" onSubmit={onLogin}>
          <label for="token">Access token</label>
          <input id="token" type="password" autocomplete="off" value={tokenInput} onInput={(event) => setTokenInput(event.currentTarget.value)} />
          <button type="submit">Use token</button>
        </form>
      </header>
      <main>
        <form class="search" role="search" onSubmit={onSearch}>
          <label for="search-type">Identifier type</label>
          <select id="search-type" value={type} onChange={(event) => setType(event.currentTarget.value as SearchableType)}>
            {searchableTypes.map((name) => (
              <option key={name} value={name}>
                {typeLabels[name]}
              </option>
            ))}
          </select>
          <label for="search-value">Identifier</label>
          {type === 'email' || type === 'phone' ? (
            // Masked like a password: an address or number on a shared screen is what the page must not show.
            <input id="search-value" type="password" autocomplete="off" required value={value} onInput={(event) => setValue(event.currentTarget.value)} />
          ) : (
            <input id="search-value" type="text" autocomplete="off" required value={value} onInput={(event) => setValue(event.currentTarget.value)} />
          )}
          <button type="submit">Search</button>
        </form>
        <p role="status" class="status">
          {status}
        </p>
        {profile ? (
          <article aria-labelledby="profile-heading">
            <h2 id="profile-heading">
              Profile <code>{profile.profileId}</code>
            </h2>
            {summary ? (
              <dl class="summary">
                <dt>Stage</dt>
                <dd title={summary.stageRule}>{summary.stage}</dd>
                <dt>Webshop step</dt>
                <dd>{summary.step ?? '–'}</dd>
                <dt>Spend tier</dt>
                <dd title={summary.tierRule}>{summary.tier}</dd>
                <dt>12-month spend</dt>
                <dd>
                  {summary.trailingSpend.toFixed(2)} {summary.currency}
                </dd>
                <dt>Journey time</dt>
                <dd>{profile.journey.ok ? time(profile.journey.value.asOf) : '–'}</dd>
              </dl>
            ) : null}
            <section aria-labelledby="live-heading" class="live">
              <h3 id="live-heading">Live</h3>
              <p>{liveState}</p>
              <ul aria-live="polite" class="live-events">
                {live.map((entry, index) => (
                  <li key={`${entry.at}-${index}`}>
                    <span class="when">{time(entry.at)}</span> {entry.text}
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="chart-heading">
              <h3 id="chart-heading">Journey over time</h3>
              {profile.timeline.ok ? <JourneyChart items={profile.timeline.value.items} scales={profile.scales} /> : null}
              {pyramid ? <PyramidChart pyramid={pyramid} tier={summary?.tier ?? null} /> : null}
            </section>
            <ProductsSection journey={profile.journey} />
            <DecisionsSection decisions={profile.decisions} seen={profile.seenDecisions} recommendations={profile.recommendations} />
            <TimelineSection timeline={profile.timeline} />
            <IdentitySection identifiers={profile.identifiers} history={profile.history} matched={matched} onUnmerge={onUnmerge} />
            <section aria-labelledby="admin-heading">
              <h3 id="admin-heading">Admin</h3>
              <p>Unmerge and erasure need an admin token.</p>
              <button type="button" class="danger" onClick={onDelete}>
                Erase this profile
              </button>
            </section>
          </article>
        ) : null}
      </main>
    </>
  );
}
