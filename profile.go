package linkvet

// Profile is the user's own LinkedIn profile in more detail than Me: what
// the export's Profile, Positions, Education and Skills files say. It is
// what `linkvet profile check` judges; Me stays the summary the engine and
// the store use.
type Profile struct {
	Name      string      `json:"name,omitempty"`
	Headline  string      `json:"headline,omitempty"`
	Summary   string      `json:"summary,omitempty"`
	Industry  string      `json:"industry,omitempty"`
	Location  string      `json:"location,omitempty"`
	Positions []Position  `json:"positions,omitempty"` // latest first, as LinkedIn lists them
	Education []Education `json:"education,omitempty"`
	Skills    []string    `json:"skills,omitempty"`
}
