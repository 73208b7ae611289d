"""The 2017-2019 record: the observed tension index, its replay and the fit."""
