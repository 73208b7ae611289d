"""The model: parameters, the intermediary network, the kernel, simulation and calibration."""
