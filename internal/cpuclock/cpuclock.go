// Package cpuclock reads the CPU time of the running process, for
// benchmarks that report CPU beside wall time: on the shared machines
// linkvet is measured on, the CPU time of work moves far less with the
// load than its wall time.
package cpuclock

import "time"

// Process is the CPU time (user and system) of this process so far; 0
// where the system does not say.
func Process() time.Duration { return process() }
