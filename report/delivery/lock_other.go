//go:build !unix

package delivery

// lockState is not available on this system: run one service per folder.
func lockState(string) (func(), error) { return func() {}, nil }
