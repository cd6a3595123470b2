// Package service holds linkvet's use cases, one method each: import (then
// screen), add and enrich, decide and undo, learn from labelled files,
// rebuild the classifier, replay a policy, the outreach log, follow-ups,
// tagging, insights and the policy in force. The CLI (cmd/linkvet) and the
// web app (web) are thin adapters over it: they parse, call one method,
// and present. They never reach the store on their own, so that both ways
// in obey the same rules.
//
// # Model
//
// The store (linkvet.Store, implemented by package sqlite) keeps data and
// no rules. A Service owns the rules and the state derived from the store:
//
//   - The policy in force lives in the store, versioned; every change is
//     in the audit log. Config.Override replaces it for one run only (the
//     CLI's --policy FILE), without storing anything.
//   - Every stored verdict records the state it was screened in: the
//     policy version (or the override's digest), a digest of the user's
//     profile, and the classifier's generation when learning is on. A
//     verdict whose state differs from the current one is stale; lists
//     re-screen only those.
//   - A decision, its audit entry, the classifier's training and the
//     "trained as" marker are written in one store transaction, read and
//     written inside it, so that two processes deciding at once never lose
//     a training update and a kill leaves all or nothing.
//
// The engine (screen) and the classifier (learn) are built lazily, once per
// state: a command that lists fresh verdicts compiles no policy.
package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/learn"
	"github.com/linkvet/linkvet/policy"
	"github.com/linkvet/linkvet/screen"
)

// ClassifierModel is the name the trained classifier is stored under.
const ClassifierModel = "classifier"

// Override is a policy for this run only (the CLI's --policy FILE).
type Override struct {
	Name string // the file name, for messages
	Text []byte
}

// Config is what New needs.
type Config struct {
	Store linkvet.Store
	// Now is the clock verdicts are screened at; nil means time.Now.
	Now func() time.Time
	// Override, when set, is the policy in force for this Service instead
	// of the stored one; nothing about it is stored.
	Override *Override
}

// Service runs the use cases over one store. It is safe for concurrent
// use.
type Service struct {
	store    linkvet.Store
	now      func() time.Time
	override *Override

	mu     sync.Mutex // guards the caches below
	cached *engineState
	known  knownCache
	parsed *parsedOverride
}

// engineState is the engine built for one state.
type engineState struct {
	state  string
	policy *policy.Policy
	engine *screen.Engine
}

type parsedOverride struct {
	p      *policy.Policy
	digest string
}

// New returns a Service over cfg.Store.
func New(cfg Config) *Service {
	s := &Service{store: cfg.Store, now: cfg.Now, override: cfg.Override}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

// Store returns the store, for adapters that only read (lists, exports).
func (s *Service) Store() linkvet.Store { return s.store }

// Now is the service's clock.
func (s *Service) Now() time.Time { return s.now() }

// Overridden reports whether a policy for this run only is in force.
func (s *Service) Overridden() bool { return s.override != nil }

// LoadStrict loads a policy text about to be stored: an unknown key (a typo
// such as "stlye:") is an error naming its line, not a warning, since it
// would otherwise silently keep its default.
func LoadStrict(text []byte, name string) (*policy.Policy, error) {
	return policy.Parse(text, name, policy.Options{Strict: true})
}

// parsedOverride returns the parsed override, loading it once.
func (s *Service) parsedOverride() (*parsedOverride, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.parsed != nil {
		return s.parsed, nil
	}
	p, err := policy.Load(s.override.Text, s.override.Name)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(s.override.Text)
	s.parsed = &parsedOverride{p: p, digest: hex.EncodeToString(sum[:6])}
	return s.parsed, nil
}

// OverrideWarnings loads the policy for this run (once) and returns its
// loader's warnings; an invalid override is an error here, before anything
// is done with it.
func (s *Service) OverrideWarnings() ([]string, error) {
	if s.override == nil {
		return nil, nil
	}
	po, err := s.parsedOverride()
	if err != nil {
		return nil, err
	}
	return po.p.Warnings, nil
}

// PolicyInForce returns the stored policy version in force (Version 0: the
// built-in defaults).
func (s *Service) PolicyInForce(ctx context.Context) (linkvet.PolicyVersion, error) {
	return s.store.Policy(ctx)
}

// UsePolicy validates text strictly (see LoadStrict) and makes it the
// policy in force, as a new version with its audit entry. Empty text goes
// back to the built-in defaults. source says who changed it ("cli",
// "web", "api").
func (s *Service) UsePolicy(ctx context.Context, text []byte, name, source string) (linkvet.PolicyVersion, *policy.Policy, error) {
	var p *policy.Policy
	if len(strings.TrimSpace(string(text))) == 0 {
		p = policy.Default()
		text = nil
	} else {
		var err error
		if p, err = LoadStrict(text, name); err != nil {
			return linkvet.PolicyVersion{}, nil, err
		}
	}
	var pv linkvet.PolicyVersion
	err := s.store.Update(ctx, func(tx linkvet.Tx) error {
		var err error
		pv, err = tx.SetPolicy(ctx, linkvet.PolicyVersion{Text: string(text), Learning: p.Learning.Enabled, Source: source})
		return err
	})
	if err != nil {
		return pv, nil, err
	}
	return pv, p, nil
}

// Policy returns the policy in force (the override, else the stored one,
// else the defaults) with "me" filled in from the imported profile when the
// policy says nothing about the user.
func (s *Service) Policy(ctx context.Context) (*policy.Policy, error) {
	es, err := s.engine(ctx)
	if err != nil {
		return nil, err
	}
	return es.policy, nil
}

// Engine returns the engine for the current state, and the state.
func (s *Service) Engine(ctx context.Context) (*screen.Engine, string, error) {
	es, err := s.engine(ctx)
	if err != nil {
		return nil, "", err
	}
	return es.engine, es.state, nil
}

// stateInfo is what the state of a verdict is made of, read without
// compiling anything.
type stateInfo struct {
	key      string
	learning bool
	stored   linkvet.PolicyVersion
	me       linkvet.Me
}

// State returns the current screening state: what a fresh verdict's
// VerdictState equals.
func (s *Service) State(ctx context.Context) (string, error) {
	si, err := s.state(ctx)
	return si.key, err
}

func (s *Service) state(ctx context.Context) (stateInfo, error) {
	var si stateInfo
	var pol string
	if s.override != nil {
		po, err := s.parsedOverride()
		if err != nil {
			return si, err
		}
		pol, si.learning = "run:"+po.digest, po.p.Learning.Enabled
	} else {
		pv, err := s.store.Policy(ctx)
		if err != nil {
			return si, err
		}
		si.stored = pv
		if pv.Version == 0 {
			pol, si.learning = "p0", policy.Default().Learning.Enabled
		} else {
			pol, si.learning = "p"+strconv.Itoa(pv.Version), pv.Learning
		}
	}
	me, err := s.store.Me(ctx)
	if err != nil {
		return si, fmt.Errorf("read the imported profile: %w", err)
	}
	si.me = me
	meJSON, _ := json.Marshal(me)
	sum := sha256.Sum256(meJSON)
	si.key = pol + "|m" + hex.EncodeToString(sum[:4])
	if kg, ok := s.store.(knownGenerationer); ok {
		// The people the user knows decide impostors: an import makes
		// pending verdicts stale.
		gen, err := kg.KnownGeneration(ctx)
		if err != nil {
			return si, err
		}
		si.key += "|k" + gen
	}
	if si.learning {
		g, err := s.store.ModelGeneration(ctx, ClassifierModel)
		if err != nil {
			return si, err
		}
		si.key += "|c" + strconv.FormatInt(g, 10)
	}
	return si, nil
}

// engine builds (or reuses) the engine for the current state.
func (s *Service) engine(ctx context.Context) (*engineState, error) {
	si, err := s.state(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if c := s.cached; c != nil && c.state == si.key {
		s.mu.Unlock()
		return c, nil
	}
	s.mu.Unlock()
	var p *policy.Policy
	switch {
	case s.override != nil:
		po, err := s.parsedOverride()
		if err != nil {
			return nil, err
		}
		p = po.p
	case si.stored.Version == 0:
		p = policy.Default()
	default:
		// Upgrade: a policy stored by an earlier linkvet (rules with the old
		// flat names) keeps loading after an upgrade.
		if p, err = policy.Parse([]byte(si.stored.Text), "the stored policy (version "+strconv.Itoa(si.stored.Version)+")", policy.Options{Upgrade: true}); err != nil {
			return nil, fmt.Errorf("the policy in force no longer loads (store a fixed one with linkvet policy use FILE): %w", err)
		}
	}
	if p.Me.Empty() && !si.me.Empty() {
		cp := *p
		cp.Me = si.me
		p = &cp
	}
	opts, err := s.engineOptions(ctx, p)
	if err != nil {
		return nil, err
	}
	es := &engineState{state: si.key, policy: p, engine: screen.New(p, opts...)}
	s.mu.Lock()
	s.cached = es
	s.mu.Unlock()
	return es, nil
}

// modelReader is what reading the classifier needs: the store or a Tx.
type modelReader interface {
	Model(ctx context.Context, name string) ([]byte, error)
}

// classifier reads the stored classifier (through tx when given), or makes
// an empty one, with the policy's parameters.
func (s *Service) classifier(ctx context.Context, tx modelReader, p *policy.Policy) (*learn.Classifier, error) {
	params := learn.DefaultParams()
	if p != nil && p.Learning.MinDecisions > 0 {
		params.MinDocs = p.Learning.MinDecisions
	}
	c := learn.New(params)
	if tx == nil {
		tx = s.store
	}
	blob, err := tx.Model(ctx, ClassifierModel)
	if err != nil && linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
		return nil, err
	}
	if len(blob) > 0 {
		if err := c.UnmarshalBinary(blob); err != nil {
			return nil, fmt.Errorf("read the trained classifier (rebuild it with linkvet learn rebuild): %w", err)
		}
	}
	return c, nil
}

func saveClassifier(ctx context.Context, tx linkvet.Tx, c *learn.Classifier) error {
	blob, err := c.MarshalBinary()
	if err != nil {
		return err
	}
	return tx.PutModel(ctx, ClassifierModel, blob)
}

// knownGenerationer is the part of the store that tells whether the people
// the user knows have changed (sqlite: the latest import and whether it has
// finished), so that they are read and indexed once per change, not once
// per engine: with learning on, every decision builds a new engine.
type knownGenerationer interface {
	KnownGeneration(ctx context.Context) (string, error)
}

// knownNamer is the part of the store that hands over the people the user
// knows one row at a time, names and addresses only, so that indexing a
// large network never holds it whole as KnownPerson values.
type knownNamer interface {
	EachKnownName(ctx context.Context, fn func(name, profileURL, email string) error) error
}

// readKnownIndex indexes the people the user knows by name.
func (s *Service) readKnownIndex(ctx context.Context) (*screen.KnownIndex, error) {
	if kn, ok := s.store.(knownNamer); ok {
		x := &screen.KnownIndex{}
		err := kn.EachKnownName(ctx, func(name, url, email string) error {
			x.Add(name, url, email)
			return nil
		})
		return x, err
	}
	people, err := s.store.Known(ctx)
	if err != nil {
		return nil, err
	}
	return screen.IndexKnownPeople(people), nil
}

type knownCache struct {
	gen   string
	valid bool
	index *screen.KnownIndex
}

// knownIndex returns the people the user knows, indexed for the engine,
// from the cache while the store says they have not changed.
func (s *Service) knownIndex(ctx context.Context) (*screen.KnownIndex, error) {
	kg, ok := s.store.(knownGenerationer)
	if !ok {
		return s.readKnownIndex(ctx)
	}
	gen, err := kg.KnownGeneration(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	c := s.known
	s.mu.Unlock()
	if c.valid && c.gen == gen {
		return c.index, nil
	}
	x, err := s.readKnownIndex(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.known = knownCache{gen: gen, valid: true, index: x}
	s.mu.Unlock()
	return x, nil
}

// engineOptions are what the engine learns from the store besides the
// policy: the classifier when learning is on, and the people the user knows
// by name, so that an impostor using one of their names is caught.
func (s *Service) engineOptions(ctx context.Context, p *policy.Policy) ([]screen.Option, error) {
	known, err := s.knownIndex(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the people you know: %w", err)
	}
	opts := []screen.Option{screen.WithKnownIndex(known)}
	if p.Learning.Enabled {
		c, err := s.classifier(ctx, nil, p)
		if err != nil {
			return nil, err
		}
		opts = append(opts, screen.WithClassifier(c))
	}
	return opts, nil
}

// EngineFor builds the engine a candidate policy text would give (strictly
// loaded, "me" and the classifier as for the policy in force), to preview
// a change before it is stored.
func (s *Service) EngineFor(ctx context.Context, text []byte, name string) (*screen.Engine, error) {
	var p *policy.Policy
	if len(strings.TrimSpace(string(text))) == 0 {
		p = policy.Default()
	} else {
		var err error
		if p, err = LoadStrict(text, name); err != nil {
			return nil, err
		}
	}
	if p.Me.Empty() {
		me, err := s.store.Me(ctx)
		if err != nil {
			return nil, fmt.Errorf("read the imported profile: %w", err)
		}
		if !me.Empty() {
			cp := *p
			cp.Me = me
			p = &cp
		}
	}
	opts, err := s.engineOptions(ctx, p)
	if err != nil {
		return nil, err
	}
	return screen.New(p, opts...), nil
}
